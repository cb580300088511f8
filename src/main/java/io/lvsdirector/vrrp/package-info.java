/**
 * VRRP v2 (RFC 3768) and v3 (RFC 9568): the pure part. No sockets, threads or clocks of its own.
 *
 * <h2>Receive path</h2>
 * {@link io.lvsdirector.vrrp.AdvertReceiver#receive} decodes the IP payload with {@link io.lvsdirector.vrrp.VrrpCodec},
 * checks it against the instance with {@link io.lvsdirector.vrrp.AdvertValidator} (TTL, version, VRID, v2 auth and
 * interval, address list) and counts every drop by {@link io.lvsdirector.vrrp.DropReason}. An accepted
 * {@link io.lvsdirector.vrrp.Advert} goes to {@link io.lvsdirector.vrrp.VrrpStateMachine#onAdvert}.
 *
 * <h2>Driving a machine</h2>
 * One event loop, one {@link io.lvsdirector.vrrp.VrrpStateMachine} per instance, all sharing a
 * {@link io.lvsdirector.vrrp.Clock}:
 * <ol>
 * <li>{@code start()} when the instance is configured; {@code shutdown()} when it is removed or the
 *     application stops (a MASTER then sends priority 0 and releases its VIPs).</li>
 * <li>Sleep until the earliest {@code nextDeadline()} of all machines or until a packet arrives; then call
 *     {@code onTimersDue()} on every machine whose deadline has passed, or {@code onAdvert()} for the packet.</li>
 * <li>{@code trackedLinkDown/Up(ifname)} from rtnetlink link events.</li>
 * <li>Execute the returned {@link io.lvsdirector.vrrp.VrrpAction}s in order: {@code SendAdvert(p)} is
 *     {@code VrrpCodec.encode(config.advert(p), endpoints, config.checksumMode())} with TTL/hop limit 255;
 *     {@code AddVips}/{@code RemoveVips} via rtnetlink; {@code SendGratuitous} as GARP / unsolicited NA;
 *     {@code StateChanged} to logs, events and webhooks.</li>
 * <li>For instances in a {@link io.lvsdirector.vrrp.SyncGroup}, route every one of these events through
 *     {@code group.dispatch(member, event)} and execute the actions it returns for each member.</li>
 * <li>Publish {@code status()} after each event for the API and metrics.</li>
 * </ol>
 */
package io.lvsdirector.vrrp;
