package io.parley.speech.pocketsphinx;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.parley.speech.SpeechException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Debian's libpocketsphinx3 (pocketsphinx 0.8+5prealpha with sphinxbase), called through the FFM API.
 *
 * <p>This is the pre-5.0 C API: a configuration is a sphinxbase {@code cmd_ln_t} parsed from
 * {@code "-name", "value"} pairs against {@code ps_args()}; {@code ps_start_utt} takes no
 * utterance id and {@code ps_get_hyp} no id pointer. The 5.0 API ({@code ps_config_init}) is
 * not in this library.
 *
 * <p>Logging: sphinxbase logs to a process-wide {@code FILE*}. It is switched off except while a
 * decoder is being created, when it goes to a file so that a failure can quote the library's own
 * message. The file is never closed (other threads may be writing to it as the pointer changes).
 *
 * <p>Thread safety: decoders are independent; one decoder is used by one thread at a time.
 * Creation is serialised because of the shared log.
 */
final class PocketSphinxLibrary {
    static final String LIBRARY = "libpocketsphinx.so.3";
    static final String DEBIAN_PACKAGE = "libpocketsphinx3";

    /** {@code struct feat_s} from sphinxbase/feat.h (0.8+5prealpha), up to the field parley reads. */
    private static final StructLayout FEAT = MemoryLayout.structLayout(
            JAVA_INT.withName("refcount"),
            MemoryLayout.paddingLayout(4),
            ADDRESS.withName("name"),
            JAVA_INT.withName("cepsize"),
            JAVA_INT.withName("n_stream"),
            ADDRESS.withName("stream_len"),
            JAVA_INT.withName("window_size"),
            JAVA_INT.withName("n_sv"),
            ADDRESS.withName("sv_len"),
            ADDRESS.withName("subvecs"),
            ADDRESS.withName("sv_buf"),
            JAVA_INT.withName("sv_dim"),
            JAVA_INT.withName("cmn"),
            JAVA_INT.withName("varnorm"),
            JAVA_INT.withName("agc"),
            ADDRESS.withName("compute_feat"),
            ADDRESS.withName("cmn_struct"));

    /** {@code cmn_t} from sphinxbase/cmn.h. */
    private static final StructLayout CMN = MemoryLayout.structLayout(
            ADDRESS.withName("cmn_mean"),
            ADDRESS.withName("cmn_var"),
            ADDRESS.withName("sum"),
            JAVA_INT.withName("nframe"),
            JAVA_INT.withName("veclen"));

    private static PocketSphinxLibrary instance;

    private final MethodHandle psArgs;
    private final MethodHandle cmdLnParse;
    private final MethodHandle cmdLnFree;
    private final MethodHandle psInit;
    private final MethodHandle psFree;
    private final MethodHandle psStartUtt;
    private final MethodHandle psProcessRaw;
    private final MethodHandle psEndUtt;
    private final MethodHandle psGetHyp;
    private final MethodHandle psGetFeat;
    private final MethodHandle cmnLiveSet;
    private final MethodHandle errSetLogfp;
    private final MethodHandle errGetLogfp;
    private final MethodHandle errSetLogfile;
    private final Path logFile;
    private MemorySegment logStream = MemorySegment.NULL;

    private PocketSphinxLibrary(SymbolLookup lookup, Path logFile) throws SpeechException {
        this.logFile = logFile;
        psArgs = bind(lookup, "ps_args", FunctionDescriptor.of(ADDRESS));
        cmdLnParse = bind(
                lookup,
                "cmd_ln_parse_r",
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT));
        cmdLnFree = bind(lookup, "cmd_ln_free_r", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        psInit = bind(lookup, "ps_init", FunctionDescriptor.of(ADDRESS, ADDRESS));
        psFree = bind(lookup, "ps_free", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        psStartUtt = bind(lookup, "ps_start_utt", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        psProcessRaw = bind(
                lookup,
                "ps_process_raw",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT));
        psEndUtt = bind(lookup, "ps_end_utt", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        psGetHyp = bind(lookup, "ps_get_hyp", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        psGetFeat = bind(lookup, "ps_get_feat", FunctionDescriptor.of(ADDRESS, ADDRESS));
        cmnLiveSet = bind(lookup, "cmn_live_set", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
        errSetLogfp = bind(lookup, "err_set_logfp", FunctionDescriptor.ofVoid(ADDRESS));
        errGetLogfp = bind(lookup, "err_get_logfp", FunctionDescriptor.of(ADDRESS));
        errSetLogfile = bind(lookup, "err_set_logfile", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        setLogStream(MemorySegment.NULL);
    }

    /** Loads the library once per process; later calls return the same instance. */
    static synchronized PocketSphinxLibrary load() throws SpeechException {
        if (instance == null) {
            Path log;
            try {
                log = Files.createTempFile("parley-pocketsphinx-", ".log");
                log.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new SpeechException(
                        "pocketsphinx: cannot create a log file in " + System.getProperty("java.io.tmpdir") + ": "
                                + e.getMessage(),
                        e);
            }
            return load(log);
        }
        return instance;
    }

    /** As {@link #load()}, with the library's log going to {@code logFile} while decoders load. */
    static synchronized PocketSphinxLibrary load(Path logFile) throws SpeechException {
        if (instance == null) {
            instance = new PocketSphinxLibrary(open(LIBRARY), logFile);
        }
        return instance;
    }

    /** Finds a shared library by file name on the system library path. */
    static SymbolLookup open(String name) throws SpeechException {
        try {
            return SymbolLookup.libraryLookup(name, Arena.global());
        } catch (IllegalArgumentException e) {
            throw new SpeechException(
                    "pocketsphinx: cannot load " + name
                            + " from the system library path (/usr/lib/x86_64-linux-gnu on Debian amd64): "
                            + e.getMessage() + "; install the Debian package " + DEBIAN_PACKAGE
                            + " (apt-get install " + DEBIAN_PACKAGE + ", or scripts/setup.sh engines)",
                    e);
        }
    }

    private static MethodHandle bind(SymbolLookup lookup, String name, FunctionDescriptor descriptor)
            throws SpeechException {
        MemorySegment symbol = lookup.find(name)
                .orElseThrow(() -> new SpeechException("pocketsphinx: "
                        + LIBRARY + " has no symbol " + name + "; parley expects the 0.8+5prealpha API of Debian's "
                        + DEBIAN_PACKAGE));
        return Linker.nativeLinker().downcallHandle(symbol, descriptor);
    }

    /**
     * Parses {@code -name value} pairs and creates a decoder from them; returns the decoder or,
     * on failure, throws with the library's own error lines. The configuration is owned by the
     * decoder afterwards. Strings are allocated in {@code arena}, which must outlive the decoder.
     */
    synchronized MemorySegment createDecoder(Arena arena, List<String> arguments, String what) throws SpeechException {
        long logStart = logSize();
        setLogStream(openLog());
        try {
            MemorySegment argv = arena.allocate(ADDRESS, arguments.size() + 2L);
            argv.setAtIndex(ADDRESS, 0, arena.allocateFrom("parley"));
            for (int i = 0; i < arguments.size(); i++) {
                argv.setAtIndex(ADDRESS, i + 1, arena.allocateFrom(arguments.get(i)));
            }
            MemorySegment config = (MemorySegment) cmdLnParse.invokeExact(
                    MemorySegment.NULL, (MemorySegment) psArgs.invokeExact(), arguments.size() + 1, argv, 1);
            if (config.equals(MemorySegment.NULL)) {
                throw new SpeechException(
                        "pocketsphinx: invalid decoder options " + arguments + ": " + logSince(logStart));
            }
            MemorySegment decoder = (MemorySegment) psInit.invokeExact(config);
            int ignored = (int) cmdLnFree.invokeExact(config);
            if (decoder.equals(MemorySegment.NULL)) {
                throw new SpeechException("pocketsphinx: cannot load " + what + ": " + logSince(logStart));
            }
            return decoder;
        } catch (SpeechException e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError("native call failed", t);
        } finally {
            setLogStream(MemorySegment.NULL);
        }
    }

    void free(MemorySegment decoder) {
        try {
            int ignored = (int) psFree.invokeExact(decoder);
        } catch (Throwable t) {
            throw new AssertionError("ps_free failed", t);
        }
    }

    int startUtterance(MemorySegment decoder) {
        try {
            return (int) psStartUtt.invokeExact(decoder);
        } catch (Throwable t) {
            throw new AssertionError("ps_start_utt failed", t);
        }
    }

    /** Returns the number of frames searched, or a negative number on error. */
    int processRaw(MemorySegment decoder, MemorySegment samples, long count) {
        try {
            return (int) psProcessRaw.invokeExact(decoder, samples, count, 0, 0);
        } catch (Throwable t) {
            throw new AssertionError("ps_process_raw failed", t);
        }
    }

    int endUtterance(MemorySegment decoder) {
        try {
            return (int) psEndUtt.invokeExact(decoder);
        } catch (Throwable t) {
            throw new AssertionError("ps_end_utt failed", t);
        }
    }

    /** The current best hypothesis as a NUL-terminated string owned by the decoder, or NULL. */
    MemorySegment hypothesis(MemorySegment decoder) {
        try {
            return (MemorySegment) psGetHyp.invokeExact(decoder, MemorySegment.NULL);
        } catch (Throwable t) {
            throw new AssertionError("ps_get_hyp failed", t);
        }
    }

    /**
     * The decoder's live cepstral-mean state ({@code feat_t.cmn_struct}), or NULL when the
     * structures do not look as sphinxbase 5prealpha's public headers declare them (then the
     * mean is left alone rather than written through a wrong pointer).
     */
    MemorySegment cepstralMeanState(MemorySegment decoder, int cepstrumLength) {
        try {
            MemorySegment feat = ((MemorySegment) psGetFeat.invokeExact(decoder)).reinterpret(FEAT.byteSize());
            if (feat.equals(MemorySegment.NULL)
                    || feat.get(JAVA_INT, FEAT.byteOffset(groupElement("cepsize"))) != cepstrumLength) {
                return MemorySegment.NULL;
            }
            MemorySegment cmn = feat.get(ADDRESS, FEAT.byteOffset(groupElement("cmn_struct")))
                    .reinterpret(CMN.byteSize());
            if (cmn.equals(MemorySegment.NULL)
                    || cmn.get(JAVA_INT, CMN.byteOffset(groupElement("veclen"))) != cepstrumLength) {
                return MemorySegment.NULL;
            }
            return cmn;
        } catch (Throwable t) {
            throw new AssertionError("ps_get_feat failed", t);
        }
    }

    /** Sets the live cepstral mean (and its running sum) to {@code mean}, {@code float[cepstrumLength]}. */
    void setCepstralMean(MemorySegment cmnState, MemorySegment mean) {
        try {
            cmnLiveSet.invokeExact(cmnState, mean);
        } catch (Throwable t) {
            throw new AssertionError("cmn_live_set failed", t);
        }
    }

    private MemorySegment openLog() throws SpeechException {
        if (logStream.equals(MemorySegment.NULL)) {
            try (Arena arena = Arena.ofConfined()) {
                int status = (int) errSetLogfile.invokeExact(arena.allocateFrom(logFile.toString()));
                if (status < 0) {
                    throw new SpeechException("pocketsphinx: cannot write its log to " + logFile);
                }
                logStream = (MemorySegment) errGetLogfp.invokeExact();
            } catch (SpeechException e) {
                throw e;
            } catch (Throwable t) {
                throw new AssertionError("err_set_logfile failed", t);
            }
        }
        return logStream;
    }

    private void setLogStream(MemorySegment stream) {
        try {
            errSetLogfp.invokeExact(stream);
        } catch (Throwable t) {
            throw new AssertionError("err_set_logfp failed", t);
        }
    }

    private long logSize() {
        if (!Files.isRegularFile(logFile)) {
            return 0;
        }
        try {
            return Files.exists(logFile) ? Files.size(logFile) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The error lines the library logged since {@code start}, or a pointer to the log if it gave none. */
    private String logSince(long start) {
        if (!Files.isRegularFile(logFile)) {
            return "see the library's messages in " + logFile;
        }
        try {
            byte[] all = Files.readAllBytes(logFile);
            String text = new String(
                    all,
                    (int) Math.min(start, all.length),
                    (int) Math.max(0, all.length - start),
                    StandardCharsets.UTF_8);
            List<String> errors = text.lines()
                    .filter(line -> line.startsWith("ERROR") || line.startsWith("FATAL"))
                    .toList();
            return errors.isEmpty()
                    ? "no error message from the library (see " + logFile + ")"
                    : String.join("; ", errors);
        } catch (IOException | UncheckedIOException e) {
            return "its log " + logFile + " is unreadable: " + e.getMessage();
        }
    }
}
