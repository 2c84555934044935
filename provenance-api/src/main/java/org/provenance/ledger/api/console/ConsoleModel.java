package org.provenance.ledger.api.console;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Every console page knows its user (for the navigation and role-dependent sections); a refusal
 * or an unknown id is shown as a page, not as the API's problem JSON.
 */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
class ConsoleModel {

    @org.springframework.web.bind.annotation.ExceptionHandler({
            org.provenance.ledger.common.LedgerException.class,
            org.provenance.ledger.api.web.NotFoundException.class,
            org.provenance.ledger.api.web.InvalidParameterException.class})
    org.springframework.web.servlet.ModelAndView refused(RuntimeException e) {
        boolean notFound = e instanceof org.provenance.ledger.api.web.NotFoundException
                           || e instanceof org.provenance.ledger.common.LedgerNotFoundException;
        var page = new org.springframework.web.servlet.ModelAndView("console/error");
        page.setStatus(notFound ? org.springframework.http.HttpStatus.NOT_FOUND
                                : org.springframework.http.HttpStatus.BAD_REQUEST);
        page.addObject("user", user());
        page.addObject("message", e instanceof org.provenance.ledger.common.LedgerException ledger
                                  && !ledger.errors().isEmpty()
                ? ledger.errors().stream().map(f -> f.field() + ": " + f.message())
                        .collect(java.util.stream.Collectors.joining("; "))
                : e.getMessage());
        return page;
    }

    @ModelAttribute("user")
    ConsoleUser user() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || !auth.isAuthenticated() || auth.getName().equals("anonymousUser") ? null
                : ConsoleUser.of(auth);
    }
}
