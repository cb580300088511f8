package io.lvsdirector.vrrp;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Where a transition goes: a log line, the in-memory event history the API shows, in-process listeners
 * (metrics), and the instance's webhook if it has one (posted off the VRRP thread).
 */
final class TransitionNotifier implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TransitionNotifier.class);
    private static final int HISTORY = 1000;

    private final TransitionLog history = new TransitionLog(HISTORY);
    private final WebhookNotifier webhooks = new WebhookNotifier();
    private final List<Consumer<VrrpEvent>> listeners = new CopyOnWriteArrayList<>();

    void addListener(Consumer<VrrpEvent> listener) {
        listeners.add(listener);
    }

    /** Runs on the VRRP thread. A listener's RuntimeException is logged; an Error is not caught (it is a bug). */
    void publish(VrrpEvent event, String webhook) {
        LOG.infof("VRRP %s on %s: %s -> %s (%s)%s", event.instance(), event.interfaceName(), event.from(), event.to(),
                event.reason(), event.problem() == null ? "" : ": " + event.problem());
        history.add(event);
        for (Consumer<VrrpEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warnf("VRRP transition listener failed: %s", e.toString());
            }
        }
        if (webhook != null) {
            webhooks.post(webhook, event);
        }
    }

    List<VrrpEvent> events() {
        return history.all();
    }

    List<VrrpEvent> events(String instance) {
        return history.of(instance);
    }

    @Override
    public void close() {
        webhooks.close();
    }
}
