package io.lvsdirector.api;

import java.util.Map;
import java.util.TreeMap;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * What holds for every operation, written once instead of on each resource method: writes need the
 * bearer token; successful answers carry X-Revision, object answers an ETag, creations a Location; every write
 * has a dry-run twin under /api/v1/dry-run (see {@link DryRunPaths}).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD) // the document is then made once, at build time, not at every start
public class OpenApiConventions implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        Map<String, PathItem> twins = new TreeMap<>();
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().getOperations().entrySet()) {
                boolean write = op.getKey() != PathItem.HttpMethod.GET && op.getKey() != PathItem.HttpMethod.HEAD;
                if (write) {
                    op.getValue().addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("bearer"));
                }
                if (op.getValue().getResponses() != null && op.getValue().getResponses().getAPIResponses() != null) {
                    op.getValue().getResponses().getAPIResponses().forEach(this::headers);
                }
                if (write && path.getKey().startsWith(DryRunPaths.API + "/")) {
                    twins.computeIfAbsent(DryRunPaths.twinOf(path.getKey()), p -> OASFactory.createPathItem())
                            .setOperation(op.getKey(), dryRunTwin(op.getValue()));
                }
            }
        }
        twins.forEach(openAPI.getPaths()::addPathItem);
    }

    /** The same request answered with the changes it would make: the write's parameters, body and errors. */
    private static Operation dryRunTwin(Operation write) {
        APIResponses responses = OASFactory.createAPIResponses()
                .addAPIResponse("200", OASFactory.createAPIResponse().ref("DryRun"));
        write.getResponses().getAPIResponses().forEach((code, response) -> {
            if (!code.startsWith("2")) {
                responses.addAPIResponse(code, response);
            }
        });
        String id = write.getOperationId();
        return OASFactory.createOperation()
                .operationId("dryRun" + Character.toUpperCase(id.charAt(0)) + id.substring(1))
                .summary("Dry run: " + write.getSummary())
                .description(ApiDocs.DRY_RUN)
                .tags(write.getTags())
                .parameters(write.getParameters())
                .requestBody(write.getRequestBody())
                .responses(responses)
                .security(write.getSecurity());
    }

    private void headers(String code, APIResponse response) {
        if (response.getRef() != null || !code.startsWith("2")) {
            return;
        }
        response.addHeader(Headers.REVISION, header(ApiDocs.REVISION, SchemaType.INTEGER));
        if (!"204".equals(code)) {
            response.addHeader("ETag", header(ApiDocs.ETAG, SchemaType.STRING));
        }
        if ("201".equals(code)) {
            response.addHeader("Location", header("The URL of the created object", SchemaType.STRING));
        }
    }

    private static Header header(String description, SchemaType type) {
        return OASFactory.createHeader().description(description).schema(OASFactory.createSchema().addType(type));
    }
}
