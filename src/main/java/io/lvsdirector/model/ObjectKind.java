package io.lvsdirector.model;

/** The kinds of object the API manages, with their collection names. */
public enum ObjectKind {
    VRRP_INSTANCE("vrrp-instances"),
    VIP("vips"),
    VIRTUAL_SERVICE("virtual-services"),
    REAL_SERVER("real-servers");

    private final String collection;

    ObjectKind(String collection) {
        this.collection = collection;
    }

    public String collection() {
        return collection;
    }
}
