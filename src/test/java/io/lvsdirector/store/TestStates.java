package io.lvsdirector.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lvsdirector.model.AddressFamily;
import io.lvsdirector.model.DesiredState;
import io.lvsdirector.model.ForwardingMethod;
import io.lvsdirector.model.Protocol;
import io.lvsdirector.model.RealServer;
import io.lvsdirector.model.Scheduler;
import io.lvsdirector.model.Vip;
import io.lvsdirector.model.VirtualService;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/** Valid objects and store wiring for store tests, the crash writer and the benchmark (no CDI). */
public final class TestStates {

    public static final String SERVICE = "web-http";

    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()) // no EL needed outside Quarkus
            .buildValidatorFactory().getValidator();

    private TestStates() {
    }

    public static Validator validator() {
        return VALIDATOR;
    }

    public static FileStateStore open(Path file) {
        return new FileStateStore(file, new ObjectMapper(), VALIDATOR);
    }

    public static FileStateStore open(Path file, boolean groupCommit) {
        return new FileStateStore(file, new ObjectMapper(), VALIDATOR, groupCommit);
    }

    public static Vip vip() {
        return new Vip("web-vip", "192.0.2.10", 32, null, null);
    }

    public static VirtualService service() {
        return new VirtualService(SERVICE, "web-vip", Protocol.TCP, 80, null, null, Scheduler.wrr, List.of(), null,
                false, ForwardingMethod.NAT);
    }

    public static VirtualService fwmarkService(String name, long mark) {
        return new VirtualService(name, null, null, null, mark, AddressFamily.INET, Scheduler.rr, List.of(), null,
                false, ForwardingMethod.NAT);
    }

    /** Real server number {@code n} of {@link #SERVICE}: a distinct address per number. */
    public static RealServer realServer(String name, int n, int weight) {
        String address = "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
        return new RealServer(name, SERVICE, address, 8080, weight, ForwardingMethod.NAT, 0L, 0L, null, true);
    }

    /** A VIP and a virtual service for real servers to hang off. */
    public static DesiredState base() {
        return new DesiredState(List.of(), List.of(vip()), List.of(service()), List.of());
    }

    /** {@code s} with {@code r} added, or replacing the real server of the same service and name. */
    public static DesiredState put(DesiredState s, RealServer r) {
        List<RealServer> rs = new ArrayList<>(s.realServers());
        rs.removeIf(x -> x.virtualService().equals(r.virtualService()) && x.name().equals(r.name()));
        rs.add(r);
        return new DesiredState(s.vrrpInstances(), s.vips(), s.virtualServices(), rs);
    }

    public static DesiredState withVips(DesiredState s, List<Vip> vips) {
        return new DesiredState(s.vrrpInstances(), vips, s.virtualServices(), s.realServers());
    }
}
