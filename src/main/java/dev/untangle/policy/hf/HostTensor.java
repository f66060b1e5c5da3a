package dev.untangle.policy.hf;

import ai.djl.ndarray.types.Shape;

/**
 * A tensor's float32 values in Java memory, row-major, with its shape: what {@link SafetensorsReader} reads and
 * {@link SafetensorsWriter} writes. The array is not copied; treat it as read-only once wrapped.
 *
 * @param shape  the shape
 * @param values {@code shape.size()} values
 */
public record HostTensor(Shape shape, float[] values) {

    /** Checks that the values fill the shape. */
    public HostTensor {
        if (shape.size() != values.length) {
            throw new IllegalArgumentException("shape " + shape + " holds " + shape.size() + " values, got "
                    + values.length);
        }
    }
}
