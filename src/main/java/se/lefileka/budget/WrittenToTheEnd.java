package se.lefileka.budget;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;

/** A request's body that says when it has been written to the connection and flushed. */
final class WrittenToTheEnd extends HttpEntityWrapper {

    private final Runnable written;

    WrittenToTheEnd(HttpEntity entity, Runnable written) {
        super(entity);
        this.written = written;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        super.writeTo(out);
        out.flush();
        written.run();
    }
}
