/* A fake termb-style reader library for tests: CVR_* calls and field getters that hand out
   text in the library's encoding (the test sets GB 18030 bytes). */
#include <string.h>

enum { NAME, CHINESE_NAME, SEX, NATION, NATION_CODE, BIRTH, ADDRESS, ID_CODE, DEPARTMENT,
       START, END, CERT_TYPE, FIELD_COUNT };

static int accepted_port = 1001, initialised = 0, present = 0, auth_result = 1;
static int read_result = 1, last_mode = -1;
static char fields[FIELD_COUNT][256];
static int lengths[FIELD_COUNT];
static unsigned char bmp[4096];
static int bmp_len = 0;

void fake_reset(void) {
    accepted_port = 1001; initialised = present = 0; auth_result = 1; read_result = 1;
    last_mode = -1; bmp_len = 0;
    memset(lengths, 0, sizeof lengths);
}
void fake_accept_port(int port) { accepted_port = port; }
void fake_set_field(int index, const char *value, int length) {
    if (index < 0 || index >= FIELD_COUNT || length > 255) return;
    memcpy(fields[index], value, length); lengths[index] = length;
}
void fake_set_bmp(const unsigned char *data, int length) {
    if (length > (int)sizeof bmp) length = sizeof bmp;
    memcpy(bmp, data, length); bmp_len = length;
}
void fake_place(int auth) { present = 1; auth_result = auth; }
void fake_remove_card(void) { present = 0; }
void fake_set_read_result(int result) { read_result = result; }
int fake_last_mode(void) { return last_mode; }

int CVR_InitComm(int port) { if (port != accepted_port) return 2; initialised = 1; return 1; }
int CVR_CloseComm(void) { initialised = 0; return 1; }
int CVR_Authenticate(void) {
    if (!initialised) return 0;
    return present ? auth_result : 2;
}
int CVR_Read_Content(int mode) {
    last_mode = mode;
    if (!initialised || !present) return 0;
    return read_result;
}

static int get(int index, char *out, int *length) {
    if (!lengths[index]) return 0;
    int n = lengths[index] < *length ? lengths[index] : *length;
    memcpy(out, fields[index], n);
    if (n < *length) out[n] = 0;
    *length = n;
    return 1;
}
int GetPeopleName(char *o, int *l) { return get(NAME, o, l); }
int GetPeopleChineseName(char *o, int *l) { return get(CHINESE_NAME, o, l); }
int GetPeopleSex(char *o, int *l) { return get(SEX, o, l); }
int GetPeopleNation(char *o, int *l) { return get(NATION, o, l); }
int GetNationCode(char *o, int *l) { return get(NATION_CODE, o, l); }
int GetPeopleBirthday(char *o, int *l) { return get(BIRTH, o, l); }
int GetPeopleAddress(char *o, int *l) { return get(ADDRESS, o, l); }
int GetPeopleIDCode(char *o, int *l) { return get(ID_CODE, o, l); }
int GetDepartment(char *o, int *l) { return get(DEPARTMENT, o, l); }
int GetStartDate(char *o, int *l) { return get(START, o, l); }
int GetEndDate(char *o, int *l) { return get(END, o, l); }
int GetCertType(char *o, int *l) { return get(CERT_TYPE, o, l); }
int GetBMPData(unsigned char *o, int *l) {
    if (!bmp_len) return 0;
    int n = bmp_len < *l ? bmp_len : *l;
    memcpy(o, bmp, n); *l = n;
    return 1;
}
