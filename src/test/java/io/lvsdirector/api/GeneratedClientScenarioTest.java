package io.lvsdirector.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvsdirector.client.ApiClient;
import io.lvsdirector.client.ApiException;
import io.lvsdirector.client.ApiResponse;
import io.lvsdirector.client.api.ConfigurationApi;
import io.lvsdirector.client.api.RealServersApi;
import io.lvsdirector.client.api.VipsApi;
import io.lvsdirector.client.api.VirtualServicesApi;
import io.lvsdirector.client.api.VrrpInstancesApi;
import io.lvsdirector.client.model.AddressFamily;
import io.lvsdirector.client.model.Change;
import io.lvsdirector.client.model.Config;
import io.lvsdirector.client.model.DryRunResult;
import io.lvsdirector.client.model.ForwardingMethod;
import io.lvsdirector.client.model.Problem;
import io.lvsdirector.client.model.Protocol;
import io.lvsdirector.client.model.RealServer;
import io.lvsdirector.client.model.Scheduler;
import io.lvsdirector.client.model.Vip;
import io.lvsdirector.client.model.VirtualService;
import io.lvsdirector.client.model.VrrpInstance;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client an operator generates from openapi/openapi.yaml (openapi-generator, Java, java.net.http) drives a whole
 * create/read/update/delete scenario against the running service: if the document cannot express something the API
 * does, this fails to compile or to run.
 */
@QuarkusTest
class GeneratedClientScenarioTest {

    private VrrpInstancesApi vrrp;
    private VipsApi vips;
    private VirtualServicesApi services;
    private RealServersApi realServers;
    private ConfigurationApi config;

    @BeforeEach
    void client() {
        Api.reset();
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://localhost:" + RestAssured.port);
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + Api.TOKEN));
        vrrp = new VrrpInstancesApi(client);
        vips = new VipsApi(client);
        services = new VirtualServicesApi(client);
        realServers = new RealServersApi(client);
        config = new ConfigurationApi(client);
    }

    @Test
    void createReadUpdateDelete() throws Exception {
        VrrpInstance instance = vrrp.createVrrpInstance(new VrrpInstance().name("vi-1")._interface("eth0")
                .virtualRouterId(51).priority(150).version(3).advertIntervalMs(1000).preempt(true));
        assertEquals(51, instance.getVirtualRouterId());
        vips.createVip(new Vip().name("web-vip").address("192.0.2.10").prefixLength(32)._interface("eth0")
                .vrrpInstance("vi-1"));
        VirtualService http = services.createVirtualService(new VirtualService().name("web-http").vip("web-vip")
                .protocol(Protocol.TCP).port(80).scheduler(Scheduler.WRR).forwarding(ForwardingMethod.NAT));
        assertEquals(Scheduler.WRR, http.getScheduler());
        services.createVirtualService(new VirtualService().name("web-fwm").fwmark(10L).addressFamily(AddressFamily.INET));
        realServers.createRealServer("web-http", new RealServer().name("web-1").address("10.0.0.11").port(8080).weight(100));

        assertEquals(List.of("web-fwm", "web-http"),
                services.listVirtualServices().stream().map(VirtualService::getName).toList());
        assertEquals("192.0.2.10", vips.getVip("web-vip").getAddress());

        // Update guarded by the ETag the read returned; the old tag is then stale.
        ApiResponse<RealServer> read = realServers.getRealServerWithHttpInfo("web-1", "web-http");
        String etag = read.getHeaders().get("etag").get(0);
        RealServer drained = read.getData().weight(50).enabled(false);
        RealServer replaced = realServers.replaceRealServer("web-1", "web-http", drained, etag);
        assertEquals(50, replaced.getWeight());
        assertEquals(false, replaced.getEnabled());
        ApiException stale = assertThrows(ApiException.class,
                () -> realServers.replaceRealServer("web-1", "web-http", drained.weight(60), etag));
        assertEquals(412, stale.getCode());
        assertEquals(50, realServers.getRealServer("web-1", "web-http").getWeight());

        // A dry run answers the change and stores nothing.
        long before = config.exportConfig().getRevision();
        DryRunResult plan = realServers.dryRunReplaceRealServer("web-1", "web-http",
                realServers.getRealServer("web-1", "web-http").weight(7), null);
        assertEquals(List.of("update virtual-services/web-http/real-servers/web-1"),
                plan.getChanges().stream().map(c -> c.getOp().getValue() + " " + c.getPath()).toList());
        assertNotEquals(plan.getRevision(), plan.getWouldBeRevision());
        assertEquals(before, config.exportConfig().getRevision());
        assertEquals(50, realServers.getRealServer("web-1", "web-http").getWeight());

        // Errors arrive as problem documents the client can read.
        Problem invalid = problem(assertThrows(ApiException.class, () -> realServers.createRealServer("web-http",
                new RealServer().name("web-2").address("10.0.0.12").port(8080).weight(70000))));
        assertEquals(422, invalid.getStatus());
        assertTrue(invalid.getErrors().stream().anyMatch(e -> e.getField().equals("weight")), invalid.toString());
        Problem inUse = problem(assertThrows(ApiException.class, () -> vips.deleteVip("web-vip", null)));
        assertEquals(409, inUse.getStatus());
        assertEquals(List.of("virtual-services/web-http"), inUse.getReferrers());

        // The whole configuration round-trips through the client's own model.
        Config exported = config.exportConfig();
        assertEquals(1, exported.getRealServers().size());
        Config same = config.replaceConfig(exported, null);
        assertEquals(exported.getRevision(), same.getRevision(), "an unchanged document makes no revision");

        // Delete in dependency order; a dry-run delete first changes nothing.
        List<Change> wouldDelete = realServers.dryRunDeleteRealServer("web-1", "web-http", null).getChanges();
        assertEquals(Change.OpEnum.DELETE, wouldDelete.get(0).getOp());
        realServers.deleteRealServer("web-1", "web-http", null);
        services.deleteVirtualService("web-http", null);
        services.deleteVirtualService("web-fwm", null);
        vips.deleteVip("web-vip", null);
        vrrp.deleteVrrpInstance("vi-1", null);
        assertEquals(0, config.exportConfig().getVirtualServices().size());
        assertEquals(404, assertThrows(ApiException.class, () -> vips.getVip("web-vip")).getCode());
    }

    private Problem problem(ApiException e) throws Exception {
        return new ApiClient().getObjectMapper().readValue(e.getResponseBody(), Problem.class);
    }
}
