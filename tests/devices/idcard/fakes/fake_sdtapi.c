/* A fake sdtapi-style reader library for tests: the GA 467 status codes, no hardware.
   The fake_* functions let a test put a card on the "reader" and choose faults. */
#include <string.h>

static int accepted_port = 1001, open_port = -1, present = 0;
static int select_result = 0x90, read_result = 0x90;
static unsigned char text[256], photo[1024], extra[128];
static unsigned int text_len = 0, photo_len = 0, extra_len = 0;
static int finds = 0;

void fake_reset(void) {
    accepted_port = 1001; open_port = -1; present = 0;
    select_result = 0x90; read_result = 0x90; text_len = photo_len = extra_len = 0;
    finds = 0;
}
int fake_find_count(void) { return finds; }
void fake_accept_port(int port) { accepted_port = port; }
void fake_set_card(const unsigned char *t, unsigned int tl, const unsigned char *p, unsigned int pl) {
    memcpy(text, t, tl > sizeof text ? sizeof text : tl); text_len = tl;
    memcpy(photo, p, pl > sizeof photo ? sizeof photo : pl); photo_len = pl;
    present = 1;
}
void fake_set_extra(const unsigned char *e, unsigned int el) {
    memcpy(extra, e, el > sizeof extra ? sizeof extra : el); extra_len = el;
}
void fake_remove_card(void) { present = 0; }
void fake_set_results(int select_code, int read_code) {
    select_result = select_code; read_result = read_code;
}
int fake_open_port(void) { return open_port; }

int SDT_OpenPort(int port) {
    if (port != accepted_port) return 0x01;
    open_port = port;
    return 0x90;
}
int SDT_ClosePort(int port) { if (port == open_port) open_port = -1; return 0x90; }
int SDT_StartFindIDCard(int port, unsigned char *info, int if_open) {
    (void)if_open;
    if (port != open_port) return 0x02;
    finds++;
    memset(info, 0, 4);
    return present ? 0x9F : 0x80;
}
int SDT_SelectIDCard(int port, unsigned char *sn, int if_open) {
    (void)if_open;
    if (port != open_port) return 0x02;
    memset(sn, 0, 8);
    return present ? select_result : 0x81;
}
int SDT_ReadBaseMsg(int port, unsigned char *t, unsigned int *tl, unsigned char *p,
                    unsigned int *pl, int if_open) {
    (void)if_open;
    if (port != open_port) return 0x02;
    if (!present) return 0x41;
    if (read_result != 0x90) return read_result;
    memcpy(t, text, text_len); *tl = text_len;
    memcpy(p, photo, photo_len); *pl = photo_len;
    return 0x90;
}
int SDT_ReadNewAppMsg(int port, unsigned char *e, unsigned int *el, int if_open) {
    (void)if_open;
    if (port != open_port) return 0x02;
    if (!extra_len) return 0x91;
    memcpy(e, extra, extra_len); *el = extra_len;
    return 0x90;
}
