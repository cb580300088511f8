/**
 * Netlink for LVS Director: the only package that touches native code.
 *
 * <ul>
 *   <li>{@link io.lvsdirector.netlink.LibC}: jnr-ffi libc binding (socket, bind, sendto/sendmsg, recvfrom/recvmsg,
 *       setsockopt/getsockopt, close, if_nametoindex, open, setns, getpid); failures become
 *       {@link io.lvsdirector.netlink.ErrnoException} with the errno name ({@link io.lvsdirector.netlink.Errno}).</li>
 *   <li>Codec, pure Java: {@link io.lvsdirector.netlink.MessageBuilder} writes a message (header, family header,
 *       attributes, nesting); {@link io.lvsdirector.netlink.NlMsg}, {@link io.lvsdirector.netlink.NlAttrs} and
 *       {@link io.lvsdirector.netlink.NlAttr} read one; {@link io.lvsdirector.netlink.NlError} decodes
 *       NLMSG_ERROR / NLMSG_DONE with extended ACK.</li>
 *   <li>{@link io.lvsdirector.netlink.NetlinkSocket}: request/ACK, dumps, batches, multicast groups.</li>
 *   <li>{@link io.lvsdirector.netlink.GenericNetlink}: family lookup giving a
 *       {@link io.lvsdirector.netlink.GenlFamily}, or {@link io.lvsdirector.netlink.FamilyNotFoundException}.</li>
 *   <li>rtnetlink: {@link io.lvsdirector.netlink.Links}, {@link io.lvsdirector.netlink.Addresses},
 *       {@link io.lvsdirector.netlink.LinkMonitor}.</li>
 *   <li>{@link io.lvsdirector.netlink.NetworkNamespace}: create/delete namespaces and run code inside them.</li>
 * </ul>
 *
 * <p>All errors are unchecked: {@link io.lvsdirector.netlink.ErrnoException} and its subclass
 * {@link io.lvsdirector.netlink.NetlinkException}. Byte order is the host's except where a method says
 * otherwise (network order: addresses, {@code *Be} attributes).
 */
package io.lvsdirector.netlink;
