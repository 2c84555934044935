package org.provenance.ledger.api.write;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Records each keyed command in the request registry inside the command's own transaction, after
 * its events were appended (a prepare-commit step registered after the event store's), so the
 * registry row and the events commit together or not at all.
 */
@Component
public class RequestRegistryInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    static final String REQUEST_KEY = "requestKey";
    static final String BODY_SHA256 = "bodySha256";

    private final RequestRegistry registry;

    public RequestRegistryInterceptor(RequestRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        CommandMessage<?> command = unitOfWork.getMessage();
        Object key = command.getMetaData().get(REQUEST_KEY);
        Object hash = command.getMetaData().get(BODY_SHA256);
        Object result = chain.proceed();
        if (key == null || hash == null) {
            return result;
        }
        AtomicReference<WriteReceipt> receipt = new AtomicReference<>();
        unitOfWork.onPrepareCommit(u -> receipt.set(
                registry.record(key.toString(), HexFormat.of().parseHex(hash.toString()), String.valueOf(result))));
        return receipt;
    }
}
