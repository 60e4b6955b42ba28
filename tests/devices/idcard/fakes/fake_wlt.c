/* A fake WLT photo decoder: the real codec is proprietary. Writes a 102 x 126 24-bit image
   derived from the input bytes, as a BMP file (unpack) or as bare padded rows (unpack_raw). */
#include <string.h>

#define W 102
#define H 126
#define ROW ((W * 3 + 3) / 4 * 4)

static void pixels(const unsigned char *src, unsigned char *dst) {
    for (int y = 0; y < H; y++)
        for (int x = 0; x < ROW; x++)
            dst[y * ROW + x] = x < W * 3 ? src[(y * W * 3 + x) % 1024] : 0;
}
static void put32(unsigned char *p, unsigned int v) {
    p[0] = v; p[1] = v >> 8; p[2] = v >> 16; p[3] = v >> 24;
}
static int bad(const unsigned char *src) { return src[0] == 0 && src[1] == 0 && src[2] == 0; }

int unpack(char *src, char *dst, int mode) {
    const unsigned char *s = (const unsigned char *)src;
    unsigned char *d = (unsigned char *)dst;
    if (mode != 708) return -2;
    if (bad(s)) return -1;
    memset(d, 0, 54);
    d[0] = 'B'; d[1] = 'M'; put32(d + 2, 54 + ROW * H); put32(d + 10, 54);
    put32(d + 14, 40); put32(d + 18, W); put32(d + 22, H); d[26] = 1; d[28] = 24;
    put32(d + 34, ROW * H);
    pixels(s, d + 54);
    return 1;
}
int unpack_raw(char *src, char *dst, int mode) {
    (void)mode;
    if (bad((const unsigned char *)src)) return -1;
    pixels((const unsigned char *)src, (unsigned char *)dst);
    return 1;
}
