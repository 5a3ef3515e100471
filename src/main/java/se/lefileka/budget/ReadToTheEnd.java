package se.lefileka.budget;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;

/** A response's body that says when it has been read to its end, or closed: once. */
final class ReadToTheEnd extends HttpEntityWrapper {

    private final Runnable ended;
    private boolean done;
    private InputStream content;

    ReadToTheEnd(HttpEntity entity, Runnable ended) {
        super(entity);
        this.ended = ended;
    }

    @Override
    public synchronized InputStream getContent() throws IOException {
        if (content == null) {
            content = new FilterInputStream(super.getContent()) {
                @Override
                public int read() throws IOException {
                    return endedAt(super.read());
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    return endedAt(super.read(buffer, offset, length));
                }

                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        end();
                    }
                }
            };
        }
        return content;
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            end();
        }
    }

    /** What a read returned: at the end (-1), the body has been read. */
    private int endedAt(int read) {
        if (read < 0) {
            end();
        }
        return read;
    }

    private synchronized void end() {
        if (!done) {
            done = true;
            ended.run();
        }
    }
}
