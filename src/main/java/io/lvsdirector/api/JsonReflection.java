package io.lvsdirector.api;

import io.lvsdirector.model.AddressFamily;
import io.lvsdirector.model.CheckType;
import io.lvsdirector.model.DesiredState;
import io.lvsdirector.model.DnsCheckSpec;
import io.lvsdirector.model.DnsQueryType;
import io.lvsdirector.model.DnsRcode;
import io.lvsdirector.model.ExecCheckSpec;
import io.lvsdirector.model.ForwardingMethod;
import io.lvsdirector.model.HealthCheck;
import io.lvsdirector.model.HealthState;
import io.lvsdirector.model.HealthStatus;
import io.lvsdirector.model.HttpCheckSpec;
import io.lvsdirector.model.ObjectKey;
import io.lvsdirector.model.ObjectKind;
import io.lvsdirector.model.OnFailure;
import io.lvsdirector.model.PayloadEncoding;
import io.lvsdirector.model.Persistence;
import io.lvsdirector.model.Protocol;
import io.lvsdirector.model.Quorum;
import io.lvsdirector.model.RealServer;
import io.lvsdirector.model.Scheduler;
import io.lvsdirector.model.SchedulerFlag;
import io.lvsdirector.model.SorryServer;
import io.lvsdirector.model.Tunnel;
import io.lvsdirector.model.TunnelType;
import io.lvsdirector.model.UdpCheckSpec;
import io.lvsdirector.model.Violation;
import io.lvsdirector.model.Vip;
import io.lvsdirector.model.VirtualService;
import io.lvsdirector.model.VrrpAuthentication;
import io.lvsdirector.model.VrrpChecksumMode;
import io.lvsdirector.model.VrrpInstance;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Every type Jackson reads or writes for the API and the state file, registered for reflection so that a native
 * image keeps their constructors and accessors. Resources answer {@code Response}s, whose entity types Quarkus
 * cannot see from the method signatures. JsonReflectionTest fails when a record or enum of the model or API
 * packages is missing here.
 */
@RegisterForReflection(targets = {
        AddressFamily.class, CheckType.class, DesiredState.class, DnsCheckSpec.class, DnsQueryType.class,
        DnsRcode.class, ExecCheckSpec.class, ForwardingMethod.class, HealthCheck.class, HealthState.class,
        HealthStatus.class, HttpCheckSpec.class, ObjectKey.class, ObjectKind.class, OnFailure.class,
        PayloadEncoding.class, Persistence.class, Protocol.class, Quorum.class, RealServer.class, Scheduler.class,
        SchedulerFlag.class, SorryServer.class, Tunnel.class, Tunnel.Checksum.class, TunnelType.class,
        UdpCheckSpec.class, Violation.class, Vip.class, VirtualService.class, VrrpAuthentication.class,
        VrrpAuthentication.Type.class, VrrpChecksumMode.class, VrrpInstance.class,
        ChangeView.class, ConfigDocument.class, DryRunResult.class, FieldError.class, KernelViews.Destination.class,
        KernelViews.LastPass.class, KernelViews.Op.class, KernelViews.PlanView.class, KernelViews.Service.class,
        KernelViews.StatusView.class, KernelViews.Table.class, KernelViews.Traffic.class, ObjectType.class,
        Problem.class, ProblemType.class, VrrpStatusView.class, VrrpStatusView.Counters.class,
        VrrpStatusView.Event.class, VrrpStatusView.LastTransition.class })
final class JsonReflection {

    private JsonReflection() {
    }
}
