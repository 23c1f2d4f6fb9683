package dev.junction.gateway.http;

import dev.junction.gateway.bus.BackendDirectory;
import dev.junction.gateway.dialect.ApiError;
import dev.junction.gateway.dialect.Dialect;
import dev.junction.gateway.dialect.ModelEntry;
import dev.junction.gateway.dialect.UserText;
import dev.junction.gateway.route.ModelRouter;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET models} and {@code GET models/{id}}: every exact model of the configuration, and for
 * glob entries the models their backend lists that match, keeping those the request's API key may use. {@code owned_by} is the backend id.
 */
final class ModelsHandler {

    private final ModelRouter router;
    private final BackendDirectory directory;
    private final List<String> backendIds;

    ModelsHandler(ModelRouter router, BackendDirectory directory, List<String> backendIds) {
        this.router = router;
        this.directory = directory;
        this.backendIds = List.copyOf(backendIds);
    }

    void list(RoutingContext ctx, Dialect dialect) {
        List<Future<List<ModelEntry>>> perBackend = backendIds.stream().map(this::models).toList();
        Future.all(perBackend).onSuccess(done -> {
            Map<String, ModelEntry> unique = new LinkedHashMap<>();
            perBackend.forEach(models -> models.result().stream()
                    .filter(entry -> AuthHandler.mayUse(ctx, entry.id()))
                    .forEach(entry -> unique.putIfAbsent(entry.id(), entry)));
            RequestIntake.reply(ctx, dialect.modelList(new ArrayList<>(unique.values())));
        });
    }

    void get(RoutingContext ctx, Dialect dialect, String id) {
        if (!AuthHandler.allows(ctx, dialect, id)) {
            return;
        }
        router.route(id).ifPresentOrElse(
                route -> RequestIntake.reply(ctx, dialect.model(new ModelEntry(id, route.backendId()))),
                () -> ErrorResponses.send(
                        ctx, dialect, new ApiError(404, "The model '" + UserText.shorten(id) + "' does not exist.", "model", null)));
    }

    private Future<List<ModelEntry>> models(String backendId) {
        List<ModelEntry> exact = router.exactModels(backendId).stream()
                .map(model -> new ModelEntry(model, backendId))
                .toList();
        if (!router.hasGlobs(backendId)) {
            return Future.succeededFuture(exact);
        }
        return directory.info(backendId).map(info -> {
            List<ModelEntry> all = new ArrayList<>(exact);
            info.models().stream()
                    .filter(model -> router.globMatches(backendId, model))
                    .forEach(model -> all.add(new ModelEntry(model, backendId)));
            return all;
        });
    }
}
