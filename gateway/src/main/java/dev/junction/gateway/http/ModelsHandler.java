package dev.junction.gateway.http;

import dev.junction.gateway.cluster.ClusterSnapshot;
import dev.junction.gateway.cluster.ClusterView;
import dev.junction.gateway.dialect.ApiError;
import dev.junction.gateway.dialect.ApiFamily;
import dev.junction.gateway.dialect.ModelEntry;
import dev.junction.gateway.dialect.UserText;
import dev.junction.gateway.route.ModelRouter;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code GET models} and {@code GET models/{id}}: every exact model of the configuration, and for
 * glob entries the models their backend lists on any node of the cluster that match (and route to
 * it), keeping those the request's API key may use. {@code owned_by} is the backend id, the one a
 * request for the model goes to; {@code GET models/{id}} answers for every model that routes.
 */
final class ModelsHandler {

    private final ModelRouter router;
    private final ClusterView cluster;
    private final List<String> backendIds;

    ModelsHandler(ModelRouter router, ClusterView cluster, List<String> backendIds) {
        this.router = router;
        this.cluster = cluster;
        this.backendIds = List.copyOf(backendIds);
    }

    void list(RoutingContext ctx, ApiFamily family) {
        listed().onSuccess(snapshot -> {
            Map<String, ModelEntry> unique = new LinkedHashMap<>();
            backendIds.forEach(backendId -> models(backendId, snapshot).stream()
                    .filter(entry -> AuthHandler.mayUse(ctx, entry.id()))
                    .forEach(entry -> unique.putIfAbsent(entry.id(), entry)));
            RequestIntake.reply(ctx, family.modelList(new ArrayList<>(unique.values())));
        });
    }

    void get(RoutingContext ctx, ApiFamily family, String id) {
        if (!AuthHandler.allows(ctx, family, id)) {
            return;
        }
        router.route(id).ifPresentOrElse(
                route -> RequestIntake.reply(ctx, family.model(new ModelEntry(id, route.backendId()))),
                () -> ErrorResponses.send(
                        ctx, family, new ApiError(404, "The model '" + UserText.shorten(id) + "' does not exist.", "model", null)));
    }

    /** What the nodes list of the backends with globs (the others' models are their exact entries); none to ask, none asked. */
    private Future<ClusterSnapshot> listed() {
        Set<String> globbing = backendIds.stream().filter(router::hasGlobs).collect(Collectors.toSet());
        return globbing.isEmpty()
                ? Future.succeededFuture(new ClusterSnapshot(List.of()))
                : cluster.ask(ClusterView.MODELS_TIMEOUT, globbing);
    }

    private List<ModelEntry> models(String backendId, ClusterSnapshot snapshot) {
        List<ModelEntry> all = new ArrayList<>();
        router.exactModels(backendId).forEach(model -> all.add(new ModelEntry(model, backendId)));
        if (router.hasGlobs(backendId)) {
            snapshot.models(backendId).stream()
                    .filter(model -> router.globMatches(backendId, model) && routesTo(model, backendId))
                    .forEach(model -> all.add(new ModelEntry(model, backendId)));
        }
        return all;
    }

    private boolean routesTo(String model, String backendId) {
        return router.route(model).filter(route -> route.backendId().equals(backendId)).isPresent();
    }
}
