package io.lvsdirector.api;

import io.lvsdirector.model.DesiredState;
import io.lvsdirector.model.ObjectKey;
import io.lvsdirector.store.CommitResult;
import io.lvsdirector.store.StateStore;
import io.lvsdirector.store.StoredState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import java.util.function.Function;

/**
 * The collection logic every resource shares: list, get, create, replace, delete, each write a
 * single {@link StateStore#write} whose lambda makes the checks (existence, If-Match, referrers),
 * so that they hold atomically with the commit.
 */
@ApplicationScoped
public class CrudService {

    private final StateStore store;
    private final RequestValidation validation;

    CrudService(StateStore store, RequestValidation validation) {
        this.store = store;
        this.validation = validation;
    }

    /** {@code scope} is the virtual service for real servers, null for the other kinds. */
    public <T> Response list(ObjectType<T> type, String scope) {
        StoredState s = store.current();
        if (scope != null) {
            requireScope(s.state(), scope);
        }
        return Response.ok(type.in(s.state(), scope)).header(Headers.REVISION, s.revision()).build();
    }

    public <T> Response get(ObjectType<T> type, ObjectKey key) {
        StoredState s = store.current();
        T object = type.find(s.state(), key).orElseThrow(() -> notFound(s.state(), key));
        return withTags(Response.ok(object), s, key).build();
    }

    public <T> Response create(ObjectType<T> type, String scope, T body, boolean dryRun, UriInfo uri) {
        validation.require(body);
        ObjectKey key = type.keyOf(scope, body);
        CommitResult r = store.write(current -> {
            DesiredState state = current.state();
            if (scope != null) {
                requireScope(state, scope);
            }
            if (type.find(state, key).isPresent()) {
                throw new ApiException(Problem.of(ProblemType.ALREADY_EXISTS,
                        key + " already exists; PUT replaces it, DELETE removes it"));
            }
            return type.put(state, key, body);
        }, dryRun);
        if (dryRun) {
            return Response.ok(DryRunResult.of(r)).build();
        }
        URI location = uri.getAbsolutePathBuilder().path(key.name()).build();
        return withTags(Response.created(location).entity(type.find(r.after().state(), key).orElseThrow()),
                r.after(), key).build();
    }

    /** Full replace; creates the object if absent (201) so that PUT is idempotent. */
    public <T> Response replace(ObjectType<T> type, ObjectKey key, T body, String ifMatch, boolean dryRun,
            Function<T, String> nameOf) {
        validation.require(body);
        if (!key.name().equals(nameOf.apply(body))) {
            throw new ApiException(Problem.of(ProblemType.VALIDATION_FAILED, "the name in the body differs from the path")
                    .withErrors(List.of(FieldError.of("name", "must be \"" + key.name() + "\", the name in the path"))));
        }
        CommitResult r = store.write(current -> {
            DesiredState state = current.state();
            if (key.scope() != null) {
                requireScope(state, key.scope());
            }
            EntityTags.check(ifMatch, current.revisionOf(key), key.toString());
            return type.put(state, key, body);
        }, dryRun);
        if (dryRun) {
            return Response.ok(DryRunResult.of(r)).build();
        }
        boolean created = type.find(r.before().state(), key).isEmpty();
        T stored = type.find(r.after().state(), key).orElseThrow();
        return withTags(Response.status(created ? Response.Status.CREATED : Response.Status.OK).entity(stored),
                r.after(), key).build();
    }

    /** Deletes an object nothing refers to; 409 naming the referrers otherwise. */
    public <T> Response delete(ObjectType<T> type, ObjectKey key, String ifMatch, boolean dryRun) {
        CommitResult r = store.write(current -> {
            DesiredState state = current.state();
            if (type.find(state, key).isEmpty()) {
                throw notFound(state, key);
            }
            EntityTags.check(ifMatch, current.revisionOf(key), key.toString());
            List<ObjectKey> referrers = type.referrers().apply(state, key.name());
            if (!referrers.isEmpty()) {
                List<String> paths = referrers.stream().map(ObjectKey::toString).toList();
                throw new ApiException(Problem.of(ProblemType.IN_USE, key + " is still referred to by "
                        + String.join(", ", paths) + "; change or delete those first")
                        .withExtension("referrers", paths));
            }
            return type.remove(state, key);
        }, dryRun);
        if (dryRun) {
            return Response.ok(DryRunResult.of(r)).build();
        }
        return Response.noContent().header(Headers.REVISION, r.after().revision()).build();
    }

    private static Response.ResponseBuilder withTags(Response.ResponseBuilder b, StoredState s, ObjectKey key) {
        return b.tag(new EntityTag(Long.toString(s.revisionOf(key))))
                .header(Headers.REVISION, s.revision());
    }

    private static void requireScope(DesiredState state, String virtualService) {
        if (state.virtualService(virtualService).isEmpty()) {
            throw new ApiException(Problem.of(ProblemType.NOT_FOUND, "virtual-services/" + virtualService + " does not exist"));
        }
    }

    private static ApiException notFound(DesiredState state, ObjectKey key) {
        if (key.scope() != null) {
            requireScope(state, key.scope());
        }
        return new ApiException(Problem.of(ProblemType.NOT_FOUND, key + " does not exist"));
    }
}
