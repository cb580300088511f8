package io.lvsdirector.api;

import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * What holds for every operation, written once instead of on each resource method: writes need the
 * bearer token; successful answers carry X-Revision, object answers an ETag, creations a Location.
 */
public class OpenApiConventions implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> op : item.getOperations().entrySet()) {
                if (op.getKey() != PathItem.HttpMethod.GET && op.getKey() != PathItem.HttpMethod.HEAD) {
                    op.getValue().addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("bearer"));
                }
                if (op.getValue().getResponses() != null && op.getValue().getResponses().getAPIResponses() != null) {
                    op.getValue().getResponses().getAPIResponses().forEach(this::headers);
                }
            }
        }
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
