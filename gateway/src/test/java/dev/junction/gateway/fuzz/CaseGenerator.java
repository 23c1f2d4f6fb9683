package dev.junction.gateway.fuzz;

import dev.junction.gateway.fuzz.Endpoints.Endpoint;
import dev.junction.gateway.fuzz.Endpoints.Kind;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Random;

/**
 * The fuzz cases of a seed: case {@code i} depends only on the seed, {@code i} and the port, so
 * any one can be made again. About one in eight is a valid request, four in ten mutate the JSON
 * body (of endpoints that take one), the rest the headers, method and path, or the framing.
 */
final class CaseGenerator {

    private final long seed;
    private final int port;

    CaseGenerator(long seed, int port) {
        this.seed = seed;
        this.port = port;
    }

    FuzzCase make(int index) {
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + index);
        Endpoint endpoint = Endpoints.pick(random);
        HttpMessage valid = Endpoints.valid(endpoint, port, random);
        int roll = random.nextInt(100);
        FuzzCase made;
        if (roll < 12) {
            made = FuzzCase.of("valid", endpoint.name(), Expect.ACCEPT, endpoint.family(), valid);
        } else if (roll < 55 && valid.body.length > 0) {
            Mutated body = BodyMutations.apply(new JsonObject(Buffer.buffer(valid.body)), random);
            HttpMessage mutated = valid.copy();
            mutated.body = body.body();
            made = FuzzCase.of(body.name(), endpoint.name(), body.expect(), endpoint.family(), mutated);
        } else if (roll < 82) {
            made = HeaderMutations.apply(endpoint, valid, port, random);
        } else {
            made = FramingMutations.apply(endpoint, valid, random);
        }
        // The echo backend makes no embeddings: a valid embeddings request gets a 400 of its own.
        return endpoint.kind() == Kind.EMBEDDINGS && made.expect() == Expect.ACCEPT ? made.expecting(Expect.ANY) : made;
    }
}
