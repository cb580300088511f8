package io.lvsdirector.vrrp;

import io.lvsdirector.model.DesiredState;
import io.lvsdirector.model.Vip;
import io.lvsdirector.model.VrrpInstance;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the worker runs for one VRRP instance: the API object and the VIPs that name it. Two equal specs need
 * no restart of the instance; any difference replaces it (shutdown of the old, start of the new). What the
 * store's validation should have refused but did not (a VIP that is no address literal) is kept in
 * {@code problems}, and the instance is held in FAULT with them instead of breaking the worker.
 */
public record InstanceSpec(VrrpInstance instance, List<VipBinding> vips, List<String> problems) {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    public InstanceSpec {
        vips = List.copyOf(vips);
        problems = List.copyOf(problems);
    }

    public InstanceSpec(VrrpInstance instance, List<VipBinding> vips) {
        this(instance, vips, List.of());
    }

    /** One spec per instance, by name, in the state's (sorted) order. */
    public static Map<String, InstanceSpec> of(DesiredState state) {
        Map<String, InstanceSpec> out = new LinkedHashMap<>();
        for (VrrpInstance instance : state.vrrpInstances()) {
            List<VipBinding> vips = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (Vip vip : state.vips()) {
                if (instance.name().equals(vip.vrrpInstance())) {
                    String itf = vip.interfaceName() != null ? vip.interfaceName() : instance.interfaceName();
                    try {
                        vips.add(new VipBinding(literal(vip.address()), vip.prefixLength(), itf));
                    } catch (IllegalArgumentException e) {
                        problems.add("VIP " + vip.name() + ": " + e.getMessage());
                    }
                }
            }
            for (String peer : instance.unicastPeers()) {
                try {
                    literal(peer);
                } catch (IllegalArgumentException e) {
                    problems.add("unicast peer: " + e.getMessage());
                }
            }
            out.put(instance.name(), new InstanceSpec(instance, vips, problems));
        }
        return out;
    }

    public String name() {
        return instance.name();
    }

    /** The family VRRP speaks: v2 is IPv4; v3 follows its VIPs, else its unicast peers, else IPv4. */
    public boolean ipv6() {
        if (instance.version() == 2) {
            return false;
        }
        if (!vips.isEmpty()) {
            return vips.get(0).ipv6();
        }
        return !unicastPeers().isEmpty() && unicastPeers().get(0) instanceof Inet6Address;
    }

    public List<InetAddress> unicastPeers() {
        return instance.unicastPeers().stream().map(InstanceSpec::literal).toList();
    }

    /** Every interface whose loss puts the instance in FAULT: its own and the tracked ones. */
    public List<String> watchedInterfaces() {
        List<String> out = new ArrayList<>();
        out.add(instance.interfaceName());
        for (String t : instance.trackInterfaces()) {
            if (!out.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    /** Parses an IP literal without ever resolving a name. */
    static InetAddress literal(String s) {
        if (s == null || !IP_LITERAL.matcher(s).matches()) {
            throw new IllegalArgumentException("not an IP address literal: " + s);
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address literal: " + s, e);
        }
    }
}
