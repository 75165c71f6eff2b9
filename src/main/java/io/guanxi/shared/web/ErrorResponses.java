package io.guanxi.shared.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The single place errors that escape controllers end up: API paths and JSON clients get a problem
 * detail, browsers an error page. Neither ever shows a stack trace or an internal message.
 */
@Controller
class ErrorResponses implements ErrorController {

    @RequestMapping(value = "/error", produces = MediaType.TEXT_HTML_VALUE)
    String page(HttpServletRequest request, Model model, jakarta.servlet.http.HttpServletResponse response) {
        HttpStatus status = status(request);
        if (isApi(request)) {
            return "forward:/error/problem";
        }
        response.setStatus(status.value());
        model.addAttribute("status", status.value());
        model.addAttribute("reason", status.getReasonPhrase());
        return "error";
    }

    @RequestMapping({"/error", "/error/problem"})
    ResponseEntity<ProblemDetail> problem(HttpServletRequest request) {
        HttpStatus status = status(request);
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setDetail(
                switch (status) {
                    case NOT_FOUND -> "No such resource";
                    case METHOD_NOT_ALLOWED -> "Method not allowed for this resource";
                    case UNAUTHORIZED -> "Authentication required";
                    case FORBIDDEN -> "You do not have the right to do this";
                    case BAD_REQUEST -> "The request is malformed";
                    case CONTENT_TOO_LARGE -> "The request body is too large";
                    default -> status.is5xxServerError() ? "An unexpected error occurred; it has been logged" : null;
                });
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri != null) {
            problem.setInstance(java.net.URI.create(uri.toString().replace(" ", "%20")));
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static boolean isApi(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return uri != null && uri.toString().startsWith("/api/");
    }

    private static HttpStatus status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code instanceof Integer value) {
            HttpStatus resolved = HttpStatus.resolve(value);
            if (resolved != null) {
                return resolved;
            }
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }
}
