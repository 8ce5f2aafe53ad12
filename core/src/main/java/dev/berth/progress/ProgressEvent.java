package dev.berth.progress;

/** One progress report: how far something a person waits for has got. */
public sealed interface ProgressEvent permits ImagePullProgress, DeploymentProgress {

    /** @return one line for a person, e.g. {@code pulling busybox:1 - 2/3 layers, 1.2/4.0 MB} */
    String summary();

    /**
     * @return whether this report ends what it reports on: a pull that completed or failed, a deployment that is
     *     steady or no longer in progress (later reports on the same subject may still follow)
     */
    boolean finished();
}
