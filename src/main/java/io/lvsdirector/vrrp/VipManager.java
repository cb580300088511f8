package io.lvsdirector.vrrp;

import io.lvsdirector.netlink.Addresses;
import io.lvsdirector.netlink.Links;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Adds and removes an instance's VIPs through rtnetlink. Idempotent: an address already present (EEXIST) or
 * already gone (EADDRNOTAVAIL) is fine, so a restart over VIPs left behind, or a repeated action, converges.
 * IPv6 VIPs skip duplicate address detection: a tentative address would be unusable for about a second.
 */
public final class VipManager {

    private static final Logger LOG = Logger.getLogger(VipManager.class);

    private final Links links;
    private final Addresses addresses;

    public VipManager(Links links, Addresses addresses) {
        this.links = links;
        this.addresses = addresses;
    }

    public void add(List<VipBinding> vips) {
        for (VipBinding vip : vips) {
            int index = links.get(vip.interfaceName()).index();
            if (addresses.addIfAbsent(index, vip.address(), vip.prefixLength(), vip.ipv6())) {
                LOG.debugf("VIP %s added", vip);
            }
        }
    }

    /** Removes every VIP it can; the first failure is rethrown after trying the rest. */
    public void remove(List<VipBinding> vips) {
        RuntimeException first = null;
        for (VipBinding vip : vips) {
            try {
                links.find(vip.interfaceName()).ifPresent(link -> {
                    if (addresses.deleteIfPresent(link.index(), vip.address(), vip.prefixLength())) {
                        LOG.debugf("VIP %s removed", vip);
                    }
                });
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
