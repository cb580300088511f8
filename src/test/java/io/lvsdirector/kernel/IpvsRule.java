package io.lvsdirector.kernel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One line of the kernel's IPVS table in a form tests can compare: a virtual service
 * ({@code destination == null}) or one of its destinations, with options under stable names.
 *
 * <p>Services are named {@code tcp 192.0.2.1:80}, {@code udp [2001:db8::1]:53}, {@code sctp ...},
 * {@code fwmark 7} or {@code fwmark 7 ipv6}. Service options: {@code scheduler}, {@code persistent},
 * {@code netmask}, {@code sched-flags}, {@code pe}, {@code ops}. Destination options: {@code forward}
 * ({@code masq|route|tunnel}), {@code weight}, {@code u-threshold}, {@code l-threshold} (only when
 * non-zero), {@code tun-type}, {@code tun-port}, {@code tun-csum} ({@code csum|nocsum|remcsum}).
 * Records compare by value, so {@code assertEquals(expectedList, ipvsadm.rules())} checks the whole table.
 */
public record IpvsRule(String service, String destination, SortedMap<String, String> options)
        implements Comparable<IpvsRule> {

    private static final Comparator<IpvsRule> ORDER = Comparator
            .comparing((IpvsRule rule) -> rule.service())
            .thenComparing(IpvsRule::destination, Comparator.nullsFirst(Comparator.<String>naturalOrder()));

    public IpvsRule {
        options = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(options));
    }

    /** A service rule; {@code options} are name/value pairs, e.g. {@code "scheduler", "rr"}. */
    public static IpvsRule service(String service, String... options) {
        return new IpvsRule(service, null, pairs(options));
    }

    /** A destination rule of {@code service}; {@code options} are name/value pairs. */
    public static IpvsRule destination(String service, String destination, String... options) {
        return new IpvsRule(service, destination, pairs(options));
    }

    public boolean isService() {
        return destination == null;
    }

    @Override
    public int compareTo(IpvsRule other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(service);
        if (destination != null) {
            text.append(" -> ").append(destination);
        }
        options.forEach((name, value) -> text.append(' ').append(name).append('=').append(value));
        return text.toString();
    }

    /** Parses {@code ipvsadm -S -n} output into sorted rules. */
    public static List<IpvsRule> parseSave(String saved) {
        List<IpvsRule> rules = new ArrayList<>();
        for (String line : saved.split("\n")) {
            line = line.strip();
            if (!line.isEmpty()) {
                rules.add(parseSaveLine(line));
            }
        }
        rules.sort(null);
        return List.copyOf(rules);
    }

    /**
     * Adds the thresholds shown by {@code ipvsadm -Ln --thresholds} to the destinations in {@code rules}
     * (the save format omits them).
     */
    public static List<IpvsRule> withThresholds(List<IpvsRule> rules, String thresholdListing) {
        Map<String, String[]> byDestination = new HashMap<>();
        String service = null;
        for (String line : thresholdListing.split("\n")) {
            String[] words = line.strip().split("\\s+");
            if (line.startsWith("  -> ") && service != null && words.length >= 4) {
                byDestination.put(service + " -> " + words[1], new String[] {words[2], words[3]});
            } else if (!line.startsWith(" ") && words.length >= 2) {
                service = listingService(words);
            }
        }
        List<IpvsRule> merged = new ArrayList<>();
        for (IpvsRule rule : rules) {
            String[] thresholds = rule.isService() ? null : byDestination.get(rule.service + " -> " + rule.destination);
            if (thresholds == null) {
                merged.add(rule);
                continue;
            }
            SortedMap<String, String> options = new TreeMap<>(rule.options);
            putIfNonZero(options, "u-threshold", thresholds[0]);
            putIfNonZero(options, "l-threshold", thresholds[1]);
            merged.add(new IpvsRule(rule.service, rule.destination, options));
        }
        return List.copyOf(merged);
    }

    private static IpvsRule parseSaveLine(String line) {
        String[] words = line.split("\\s+");
        boolean isService = switch (words[0]) {
            case "-A" -> true;
            case "-a" -> false;
            default -> throw new IllegalArgumentException("not an ipvsadm -S line: " + line);
        };
        String protocol = null;
        String address = null;
        String destination = null;
        boolean ipv6Mark = false;
        SortedMap<String, String> options = new TreeMap<>();
        for (int i = 1; i < words.length; i++) {
            String word = words[i];
            boolean hasValue = i + 1 < words.length && !words[i + 1].startsWith("-");
            switch (word) {
                case "-t", "--tcp-service" -> { protocol = "tcp"; address = words[++i]; }
                case "-u", "--udp-service" -> { protocol = "udp"; address = words[++i]; }
                case "--sctp-service" -> { protocol = "sctp"; address = words[++i]; }
                case "-f", "--fwmark-service" -> { protocol = "fwmark"; address = words[++i]; }
                case "-6", "--ipv6" -> ipv6Mark = true;
                case "-r", "--real-server" -> destination = words[++i];
                case "-s", "--scheduler" -> options.put("scheduler", words[++i]);
                case "-p", "--persistent" -> options.put("persistent", hasValue ? words[++i] : "300");
                case "-M", "--netmask" -> options.put("netmask", words[++i]);
                case "-b", "--sched-flags" -> options.put("sched-flags", words[++i]);
                case "--pe" -> options.put("pe", words[++i]);
                case "-o", "--ops" -> options.put("ops", "true");
                case "-g", "--gatewaying" -> options.put("forward", "route");
                case "-i", "--ipip" -> options.put("forward", "tunnel");
                case "-m", "--masquerading" -> options.put("forward", "masq");
                case "-w", "--weight" -> options.put("weight", words[++i]);
                case "-x", "--u-threshold" -> putIfNonZero(options, "u-threshold", words[++i]);
                case "-y", "--l-threshold" -> putIfNonZero(options, "l-threshold", words[++i]);
                case "--tun-type" -> options.put("tun-type", words[++i]);
                case "--tun-port" -> options.put("tun-port", words[++i]);
                case "--tun-csum" -> options.put("tun-csum", "csum");
                case "--tun-nocsum" -> options.put("tun-csum", "nocsum");
                case "--tun-remcsum" -> options.put("tun-csum", "remcsum");
                default -> options.put(word.replaceFirst("^-+", ""), hasValue ? words[++i] : "true");
            }
        }
        if (protocol == null) {
            throw new IllegalArgumentException("no service in ipvsadm -S line: " + line);
        }
        String service = protocol + " " + address + (ipv6Mark ? " ipv6" : "");
        if (isService) {
            return new IpvsRule(service, null, options);
        }
        if (destination == null) {
            throw new IllegalArgumentException("no real server in ipvsadm -S line: " + line);
        }
        return new IpvsRule(service, destination, options);
    }

    /** {@code TCP 192.0.2.1:80 wrr ...} or {@code FWM 42 IPv6 rr} -> our service name. */
    private static String listingService(String[] words) {
        return switch (words[0]) {
            case "TCP" -> "tcp " + words[1];
            case "UDP" -> "udp " + words[1];
            case "SCTP" -> "sctp " + words[1];
            case "FWM" -> "fwmark " + words[1] + (words.length > 2 && words[2].equals("IPv6") ? " ipv6" : "");
            default -> null;   // headings
        };
    }

    private static void putIfNonZero(Map<String, String> options, String name, String value) {
        if (!value.equals("0")) {
            options.put(name, value);
        }
    }

    private static SortedMap<String, String> pairs(String... nameValue) {
        if (nameValue.length % 2 != 0) {
            throw new IllegalArgumentException("options come in name/value pairs");
        }
        SortedMap<String, String> options = new TreeMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            options.put(nameValue[i], nameValue[i + 1]);
        }
        return options;
    }
}
