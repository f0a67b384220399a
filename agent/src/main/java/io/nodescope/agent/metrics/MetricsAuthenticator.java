package io.nodescope.agent.metrics;

import com.sun.net.httpserver.BasicAuthenticator;
import io.nodescope.agent.config.BasicAuth;

/** Lets a scrape through only with the configured user and password. */
final class MetricsAuthenticator extends BasicAuthenticator {

    private final BasicAuth credentials;

    MetricsAuthenticator(BasicAuth credentials) {
        super("nodescope metrics");
        this.credentials = credentials;
    }

    @Override
    public boolean checkCredentials(String username, String password) {
        return credentials.accepts(username, password);
    }
}
