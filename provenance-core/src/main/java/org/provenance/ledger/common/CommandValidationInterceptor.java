package org.provenance.ledger.common;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

import java.util.List;
import java.util.function.BiFunction;

/** Refuses malformed commands at dispatch, before any aggregate is loaded or event appended. */
public class CommandValidationInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, message) -> {
            if (message.getPayload() instanceof ValidatedCommand command) {
                Validation check = Validation.check();
                command.validate(check);
                check.orThrow();
            }
            return message;
        };
    }
}
