package io.guanxi.shared.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at /v3/api-docs: every API call takes a bearer token from /api/v1/auth/token. */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Guanxi API",
                        version = "v1",
                        description =
                                "Customer operations: customers, identity and organisation, analytics. Errors are RFC 9457"
                                        + " problem details; lists take page, size and sort; instants are ISO-8601 UTC; money is"
                                        + " {amount: decimal string, currency}. Unknown JSON fields are rejected."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "opaque")
class OpenApiConfig {}
