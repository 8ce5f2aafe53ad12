package dev.berth.registry.lifecycle;

/** How a lifecycle rule counts the images it selects (ECR's countType). */
public enum CountType {
    /** Keep the newest {@code countNumber} selected images, expire the rest ({@code imageCountMoreThan}). */
    IMAGE_COUNT_MORE_THAN("imageCountMoreThan"),
    /** Expire selected images pushed more than {@code countNumber} days ago ({@code sinceImagePushed}). */
    SINCE_IMAGE_PUSHED("sinceImagePushed");

    private final String jsonName;

    CountType(String jsonName) {
        this.jsonName = jsonName;
    }

    /** @return the name in ECR's policy JSON, e.g. {@code imageCountMoreThan} */
    public String jsonName() {
        return jsonName;
    }
}
