package io.lvsdirector.ipvs;

/**
 * One kernel write. Each carries the API object it serves ({@code owner}, null for cleanup of
 * something we no longer manage) so that a failure is reported against that object.
 */
public sealed interface IpvsOp {

    ServiceKey service();

    String owner();

    /** A short description in ipvsadm's terms, for logs, the plan endpoint and errors. */
    String describe();

    record AddService(KernelService spec, String owner) implements IpvsOp {
        public ServiceKey service() {
            return spec.key();
        }

        public String describe() {
            return "add service " + spec.key() + " scheduler " + spec.scheduler();
        }
    }

    record EditService(KernelService spec, String owner) implements IpvsOp {
        public ServiceKey service() {
            return spec.key();
        }

        public String describe() {
            return "edit service " + spec.key() + " scheduler " + spec.scheduler();
        }
    }

    record DeleteService(ServiceKey service, String owner) implements IpvsOp {
        public String describe() {
            return "delete service " + service;
        }
    }

    record AddDestination(ServiceKey service, KernelDestination spec, String owner) implements IpvsOp {
        public String describe() {
            return "add destination " + spec.key() + " to " + service + " weight " + spec.weight();
        }
    }

    record EditDestination(ServiceKey service, KernelDestination spec, String owner) implements IpvsOp {
        public String describe() {
            return "edit destination " + spec.key() + " of " + service + " weight " + spec.weight();
        }
    }

    record DeleteDestination(ServiceKey service, DestinationKey destination, String owner) implements IpvsOp {
        public String describe() {
            return "delete destination " + destination + " from " + service;
        }
    }
}
