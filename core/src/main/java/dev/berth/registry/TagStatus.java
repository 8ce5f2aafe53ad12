package dev.berth.registry;

/** Which images a listing or a lifecycle rule selects by their tags (ECR's tagStatus). */
public enum TagStatus {
    /** Images with at least one tag. */
    TAGGED,
    /** Images without any tag. */
    UNTAGGED,
    /** Every image. */
    ANY;

    /**
     * @param image an image
     * @return whether this status selects it
     */
    public boolean selects(Image image) {
        return switch (this) {
            case TAGGED -> !image.tags().isEmpty();
            case UNTAGGED -> image.tags().isEmpty();
            case ANY -> true;
        };
    }
}
