package dev.junction.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageTokensTest {

    @ParameterizedTest
    @ValueSource(strings = {"png", "jpeg", "gif"})
    void reads_the_size_of_an_inline_image_and_costs_width_times_height_over_750(String format) throws IOException {
        ContentPart.Image image = new ContentPart.Image("image/" + format, base64(format, 300, 200), null);

        assertEquals(80, ImageTokens.of(image));
    }

    @Test
    void reads_the_three_kinds_of_webp_header() {
        byte[] extended = webp("VP8X");
        extended[24] = (byte) 299; // width - 1, 24 bits little-endian
        extended[25] = (byte) (299 >> 8);
        extended[27] = (byte) 199;
        assertArrayEquals(new int[] {300, 200}, ImageTokens.size(extended));

        byte[] lossless = webp("VP8L");
        int bits = 299 | 199 << 14;
        for (int i = 0; i < 4; i++) {
            lossless[21 + i] = (byte) (bits >> (8 * i));
        }
        assertArrayEquals(new int[] {300, 200}, ImageTokens.size(lossless));

        byte[] lossy = webp("VP8 ");
        lossy[26] = (byte) 300;
        lossy[27] = (byte) (300 >> 8);
        lossy[28] = (byte) 200;
        assertArrayEquals(new int[] {300, 200}, ImageTokens.size(lossy));
    }

    @Test
    void a_large_image_costs_what_the_provider_scales_it_to_and_an_unknown_size_the_most() throws IOException {
        assertEquals(ImageTokens.MAX_TOKENS, ImageTokens.of(new ContentPart.Image("image/png", base64("png", 4000, 3000), null)));
        assertEquals(ImageTokens.MAX_TOKENS, ImageTokens.of(new ContentPart.Image(null, null, "https://example.com/cat.png")));
        assertEquals(ImageTokens.MAX_TOKENS, ImageTokens.of(new ContentPart.Image("image/png", "not base64!", null)));
    }

    private static byte[] webp(String chunk) {
        byte[] header = new byte[30];
        System.arraycopy("RIFF".getBytes(), 0, header, 0, 4);
        System.arraycopy("WEBP".getBytes(), 0, header, 8, 4);
        System.arraycopy(chunk.getBytes(), 0, header, 12, 4);
        return header;
    }

    private static String base64(String format, int width, int height) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), format, bytes);
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
