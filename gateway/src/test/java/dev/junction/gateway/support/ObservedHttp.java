package dev.junction.gateway.support;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;

/** An HTTP/1.1 request and response as Vert.x shows them to its metrics SPI, for driving {@code HttpServerMetrics} directly. */
public final class ObservedHttp {

    private ObservedHttp() {}

    /** A request from 127.0.0.1:40000 with no headers. */
    public static HttpRequest request(HttpMethod method, String uri) {
        return new HttpRequest() {
            @Override
            public long id() {
                return 1;
            }

            @Override
            public HttpVersion version() {
                return HttpVersion.HTTP_1_1;
            }

            @Override
            public String uri() {
                return uri;
            }

            @Override
            public String absoluteURI() {
                return "http://127.0.0.1" + uri;
            }

            @Override
            public HttpMethod method() {
                return method;
            }

            @Override
            public MultiMap headers() {
                return MultiMap.caseInsensitiveMultiMap();
            }

            @Override
            public SocketAddress remoteAddress() {
                return SocketAddress.inetSocketAddress(40000, "127.0.0.1");
            }
        };
    }

    /** A response with status {@code status} and no headers. */
    public static HttpResponse response(int status) {
        return new HttpResponse() {
            @Override
            public int statusCode() {
                return status;
            }

            @Override
            public MultiMap headers() {
                return MultiMap.caseInsensitiveMultiMap();
            }
        };
    }
}
