package dev.poolbench.reports.input;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The commit a run was built from, when the sources are a git work tree and git is installed. */
public record GitInfo(String commit, boolean dirty) {

    /** The work tree's HEAD and whether it had uncommitted changes; empty when that cannot be told. */
    public static Optional<GitInfo> of(Path workTree) {
        Optional<String> commit = git(workTree, "rev-parse", "HEAD");
        if (commit.isEmpty()) {
            return Optional.empty();
        }
        boolean dirty = git(workTree, "status", "--porcelain", "--untracked-files=no").map(s -> !s.isEmpty()).orElse(false);
        return Optional.of(new GitInfo(commit.get(), dirty));
    }

    private static Optional<String> git(Path workTree, String... args) {
        String[] command = new String[args.length + 3];
        command[0] = "git";
        command[1] = "-C";
        command[2] = workTree.toString();
        System.arraycopy(args, 0, command, 3, args.length);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return process.exitValue() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // no git on this machine: the run simply has no commit
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
