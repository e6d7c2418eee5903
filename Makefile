# Hishatak: the program build/hishatak, and beside it hishatak-media, the
# one that links FFmpeg (the media worker). See README.md.
#   make          build the program and the default archive (build/data)
#   make run      install what is missing, build, open the kiosk
#   make test     install what is missing, build, run every test
#   make deps     install the Debian packages the build needs (as root)
#   make bench    figures of speed, each beside what it is compared with
#   make sanitize the tests again under AddressSanitizer, UndefinedBehavior-
#                 Sanitizer and LeakSanitizer (make test in CI does this too)
#   make fuzz     each libFuzzer target FUZZ_SECONDS (60) seconds
#   make soak     a long random kiosk session (SOAK_COMMANDS), about an hour
#   make killtest an import killed at random moments, 200 times
#   make image    the Raspberry Pi SD-card image: build/image/hishatak-rpi-arm64.img
#   make image-test  boots it under QEMU and checks that it reaches Home
#   make arm64    the programs for a Raspberry Pi: build/aarch64/hishatak
#                 and build/aarch64/hishatak-media
#   make test-arm64  its unit tests, run under qemu-user; both against
#                 Debian 13's libraries (armhf: the same for 32-bit ARMv7
#                 Debian, which only the Pi 2 v1.1 needs, in build/armhf)

CC      ?= cc
PKG_CONFIG ?= pkg-config
OUT     ?= build
# The core (and the render workers on it) use no SDL; the kiosk's UI does.
# FFmpeg is linked into hishatak-media alone: its libraries and theirs are
# most of what a program loads, and every start of the kiosk, of a render
# worker and of a command would pay for loading them.
CORE_PKGS = sqlite3 libsodium icu-uc icu-i18n libqrencode
UI_PKGS   = sdl2 SDL2_ttf SDL2_image libsystemd
MEDIA_PKGS = libavformat libavcodec libswresample libswscale libavutil
WARN     = -Wall -Wextra -Wshadow -Wformat=2 -Wconversion -Wno-unused-parameter -Wno-format-truncation -Wno-missing-field-initializers
CFLAGS  ?= -O2 -g
SANITIZE ?=
SANITIZE_OBJ ?=
CFLAGS  += $(SANITIZE) -std=c11 -D_GNU_SOURCE -D_FILE_OFFSET_BITS=64 $(WARN) -Iapp
CORE_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(CORE_PKGS) 2>/dev/null)
UI_CFLAGS   := $(shell $(PKG_CONFIG) --cflags $(UI_PKGS) 2>/dev/null)
MEDIA_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(MEDIA_PKGS) 2>/dev/null)
# Debian 12's MuPDF is a static library (libmupdf.a, with libmupdf-third.a
# and the libraries they use); Debian 13's is a shared one, which names its
# own (and has no libmupdf-third).
MUPDF_THIRD := $(shell $(CC) -print-file-name=libmupdf-third.a 2>/dev/null)
MUPDF_LDLIBS = $(if $(filter /%,$(MUPDF_THIRD)),-lmupdf -lmupdf-third -lmujs -lgumbo -lopenjp2 -ljbig2dec -ljpeg -lharfbuzz -lfreetype,-lmupdf)
CORE_LDLIBS := $(shell $(PKG_CONFIG) --libs $(CORE_PKGS) 2>/dev/null) \
           $(MUPDF_LDLIBS) -lespeak-ng -lcsv -lstemmer -lhyphen -lz -lpthread -lm
UI_LDLIBS   := $(shell $(PKG_CONFIG) --libs $(UI_PKGS) 2>/dev/null)
MEDIA_LDLIBS := $(shell $(PKG_CONFIG) --libs $(MEDIA_PKGS) 2>/dev/null)
PNG_LDLIBS  := $(shell $(PKG_CONFIG) --libs SDL2_image sdl2 2>/dev/null)
LDLIBS  += $(UI_LDLIBS) $(CORE_LDLIBS)
ifeq ($(CI),true)
CFLAGS  += -Werror
endif

# A source file's layer: app/LAYER/... (app/main.c goes with cli), or for
# tests/DIR/..., DIR. The layers in SDL_FREE are compiled without SDL's
# flags, so an #include of SDL fails there, and their tests link without it;
# only app/media/ is compiled with FFmpeg's.
SDL_FREE = core render media
layer = $(word 2,$(subst /, ,$(patsubst app/main.c,app/cli/main.c,$(1))))
layer_cflags = $(if $(filter $(call layer,$(1)),$(SDL_FREE)),$(CORE_CFLAGS),$(UI_CFLAGS) $(CORE_CFLAGS)) \
  $(if $(filter $(call layer,$(1)),media),$(MEDIA_CFLAGS))

# Debian packages: build tools, libraries (with what Debian 12's static
# MuPDF links against), the test library, and tools the tests use. The
# names are the same in Debian 13, whose arm64 and armhf packages the
# sysroots for the Pi are made of.
LIB_PACKAGES = libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev \
  libmupdf-dev libfreetype-dev libharfbuzz-dev libjbig2dec0-dev libjpeg-dev \
  libopenjp2-7-dev libgumbo-dev libmujs-dev zlib1g-dev \
  libsqlite3-dev libsodium-dev libcsv-dev libcmocka-dev \
  libespeak-ng-dev espeak-ng-data libsystemd-dev libicu-dev libstemmer-dev \
  libavformat-dev libavcodec-dev libswresample-dev libswscale-dev libavutil-dev \
  libqrencode-dev libhyphen-dev
# LibreOffice (without its desktop parts): `hishatak bundle` reads items.ods
# and items.xlsx, and makes PDFs of .docx, .odt and .rtf, with it; its tests
# export tables as a spreadsheet does.
OFFICE_PACKAGES = libreoffice-calc-nogui libreoffice-writer-nogui
# The hyphenation patterns the UI's line wrapping reads at run time (the
# Russian and Armenian ones are in assets/hyphen/); zbar-tools: the tests read the
# cover's QR code back from a screenshot with zbarimg, and qrencode's own
# program is what the QR module is checked against; python3-pil: `make shots`
# puts each size's screenshots on one contact sheet.
RUN_PACKAGES = hyphen-en-us
TEST_PACKAGES = zbar-tools qrencode python3-pil
DEB_PACKAGES = build-essential pkg-config minisign ffmpeg sqlite3 zip $(LIB_PACKAGES) $(OFFICE_PACKAGES) $(RUN_PACKAGES) $(TEST_PACKAGES)

# Every .c under a layer's folder, subfolders too.
CORE_SRC   = $(sort $(shell find app/core -name '*.c'))
RENDER_SRC = $(sort $(shell find app/render -name '*.c'))
UI_SRC     = $(sort $(shell find app/ui -name '*.c'))
CLI_SRC    = $(sort $(shell find app/cli -name '*.c'))
MEDIA_SRC  = $(sort $(shell find app/media -name '*.c'))
HEADERS    = $(sort $(shell find app -name '*.h'))

# One static library a layer, each linked only with those below it: core;
# render on core; ui on render and core; cli (the subcommands, the kiosk's
# among them) on them all, so it comes first.
CORE_LIB   = $(OUT)/libhishatak-core.a
RENDER_LIB = $(OUT)/libhishatak-render.a
CLI_LIB    = $(OUT)/libhishatak-cli.a
UI_LIB     = $(OUT)/libhishatak-ui.a
APP_LIBS   = $(CLI_LIB) $(UI_LIB) $(RENDER_LIB) $(CORE_LIB)
# The test build of the program, build/test/hishatak, which the tests run:
# the same but for the render layer, built with its test-only fault hooks
# (-DHISHATAK_TEST_FAULTS: HISHATAK_RENDER_FAULT).
TEST_RENDER_LIB = $(OUT)/test/libhishatak-render.a

TEST_SRC   = $(wildcard tests/*/test_*.c)
TEST_BIN   = $(TEST_SRC:tests/%.c=$(OUT)/tests/%)

DATA   = build/data
ARCHIVE_FILES = archive/items.csv $(wildcard archive/names.csv archive/topics.csv archive/collections.csv archive/about.csv archive/files/*)
KEY    = build/keys/archive

.PHONY: all sanitize sanitize-build soak fuzz deps bench-deps shots run test bench killtest arm64 arm64-deps sysroot-arm64 test-arm64 armhf armhf-deps sysroot-armhf test-armhf image image-test clean
all: build/hishatak build/hishatak-media $(DATA)/catalog.db

# Installs the Debian packages of $(1) that are missing (as root); quick
# when all are there.
define install_missing
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" != 0 ]; then echo "make: run as root to install:$$missing" >&2; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
endef

deps:
	$(call install_missing,$(DEB_PACKAGES))

# make bench compares with MuPDF's, SQLite's and espeak-ng's own command-line tools.
BENCH_PACKAGES = mupdf-tools sqlite3 espeak-ng
bench-deps:
	$(call install_missing,$(BENCH_PACKAGES))

# make shots: every screen, size, language and access setting as screenshots
# and contact sheets in build/shots/ (SIZES=, LANGS=, MODES= choose fewer).
SHOTS_PACKAGES = python3-pil
shots: all
	$(call install_missing,$(SHOTS_PACKAGES))
	tests/ui/shots.sh

$(OUT)/obj/%.o: %.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(call layer_cflags,$<) -c $< -o $@

$(OUT)/test/obj/%.o: %.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(call layer_cflags,$<) -DHISHATAK_TEST_FAULTS -c $< -o $@

# A library depends on its folders too: one that loses a file is made again.
folders = $(shell find $(1) -type d)
$(CORE_LIB): $(CORE_SRC:%.c=$(OUT)/obj/%.o) $(call folders,app/core)
$(RENDER_LIB): $(RENDER_SRC:%.c=$(OUT)/obj/%.o) $(call folders,app/render)
$(CLI_LIB): $(CLI_SRC:%.c=$(OUT)/obj/%.o) $(call folders,app/cli)
$(UI_LIB): $(UI_SRC:%.c=$(OUT)/obj/%.o) $(call folders,app/ui)
$(TEST_RENDER_LIB): $(RENDER_SRC:%.c=$(OUT)/test/obj/%.o) $(call folders,app/render)
$(CORE_LIB) $(RENDER_LIB) $(CLI_LIB) $(UI_LIB) $(TEST_RENDER_LIB):
	@mkdir -p $(dir $@)
	rm -f $@ && $(AR) rcs $@ $(filter %.o,$^)

$(OUT)/hishatak: $(OUT)/obj/app/main.o $(SANITIZE_OBJ) $(APP_LIBS)
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

$(OUT)/test/hishatak: $(OUT)/obj/app/main.o $(SANITIZE_OBJ) $(CLI_LIB) $(UI_LIB) $(TEST_RENDER_LIB) $(CORE_LIB)
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

# The media program (app/media/ on the core), beside each build of the
# program: the program execs the hishatak-media in its own folder.
$(OUT)/hishatak-media $(OUT)/test/hishatak-media: $(MEDIA_SRC:%.c=$(OUT)/obj/%.o) $(SANITIZE_OBJ) $(CORE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ $(MEDIA_LDLIBS) $(CORE_LDLIBS)

# A key pair made on this machine, only for the default archive below.
$(KEY).pub:
	@mkdir -p $(dir $@)
	minisign -G -W -f -p $(KEY).pub -s $(KEY).key >/dev/null

# The default archive goes the way of every update: archive/ is made into a
# signed bundle and imported into a fresh folder, then moved into place so
# that a failed build never leaves half a data folder.
$(DATA)/catalog.db: build/hishatak build/hishatak-media $(ARCHIVE_FILES) $(KEY).pub
	rm -rf $(DATA).new $(DATA) build/bundles
	build/hishatak bundle --archive artsakh-archive --snapshot --sequence 1 --key $(KEY).key archive build/bundles
	build/hishatak init --data $(DATA).new --archive artsakh-archive --trust $(KEY).pub
	build/hishatak import --data $(DATA).new build/bundles
	mv $(DATA).new $(DATA)

run: deps all
	build/hishatak kiosk --data $(DATA) $(ARGS)

# Each test program links only the layers it tests: tests/core/ the core
# alone (and no SDL), all of it, so that any core file that calls above the
# core fails to link; tests/cli/ the render layer and the core (they run the
# program and import through a render worker; SDL_image reads its PNGs),
# tests/ui/ every layer. They run from the project root,
# so that they find assets/, archive/ and build/data, and run the test
# build of the program.
TEST_LIBS_core   = $(CORE_LIB)
TEST_LINK_core   = -Wl,--whole-archive $(CORE_LIB) -Wl,--no-whole-archive
TEST_LDLIBS_core = $(CORE_LDLIBS)
TEST_LIBS_cli    = $(RENDER_LIB) $(CORE_LIB)
TEST_LDLIBS_cli  = $(PNG_LDLIBS) $(CORE_LDLIBS)
TEST_LIBS_ui     = $(APP_LIBS)
TEST_LDLIBS_ui   = $(LDLIBS)
test_dir = $(firstword $(subst /, ,$(1)))
.SECONDEXPANSION:
$(OUT)/tests/%: tests/%.c $(SANITIZE_OBJ) $$(TEST_LIBS_$$(call test_dir,$$*)) tests/helpers.h tests/pixels.h $(wildcard tests/*/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(call layer_cflags,$<) -Itests -DHISHATAK='"$(OUT)/test/hishatak"' -o $@ $< $(SANITIZE_OBJ) \
	  $(or $(TEST_LINK_$(call test_dir,$*)),$(TEST_LIBS_$(call test_dir,$*))) $(TEST_LDLIBS_$(call test_dir,$*)) -lcmocka

test: deps all build/test/hishatak build/test/hishatak-media $(TEST_BIN)
	@failed=0; for t in $(TEST_BIN); do echo "== $$t"; $$t || failed=1; done; \
	if [ $$failed = 0 ]; then echo "all test programs passed"; else echo "some tests FAILED"; exit 1; fi
ifeq ($(CI),true)
	$(MAKE) --no-print-directory sanitize
endif

# AddressSanitizer, UndefinedBehaviorSanitizer and LeakSanitizer: the
# program and the tests built again in build/sanitize; the tests there run
# that program, and every fuzz input is replayed. Any report fails the run;
# tests/sanitize/keep_libraries.c keeps LeakSanitizer from blaming Mesa.
SANITIZE_FLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
SANITIZE_BIN   = $(TEST_SRC:tests/%.c=build/sanitize/tests/%)
REPLAY_BIN     = $(FUZZ_NAMES:%=build/sanitize/replay_%)
export ASAN_OPTIONS = detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS = print_stacktrace=1:halt_on_error=1
sanitize-build: deps all
	@$(MAKE) --no-print-directory OUT=build/sanitize SANITIZE="$(SANITIZE_FLAGS)" \
	  SANITIZE_OBJ=build/sanitize/obj/tests/sanitize/keep_libraries.o build/sanitize/test/hishatak build/sanitize/test/hishatak-media $(SANITIZE_BIN) $(REPLAY_BIN)

sanitize: sanitize-build
	@failed=0; for n in $(FUZZ_NAMES); do build/sanitize/replay_$$n tests/fuzz/$$n || failed=1; done; \
	for t in $(SANITIZE_BIN); do echo "== $$t (sanitizers)"; $$t || failed=1; done; \
	if [ $$failed = 0 ]; then echo "all test programs passed under the sanitizers"; else echo "some tests FAILED under the sanitizers"; exit 1; fi

# The long soak (tests/ui/test_soak.c): SOAK_COMMANDS random commands in one
# kiosk run, first as built (memory judged), then under the sanitizers; a
# new random session each time (its seed is printed). About an hour.
SOAK_COMMANDS ?= 50000
soak: sanitize-build build/test/hishatak build/test/hishatak-media build/tests/ui/test_soak
	HISHATAK_SOAK_COMMANDS=$(SOAK_COMMANDS) HISHATAK_SOAK_SEED=$$(date +%s) build/tests/ui/test_soak
	HISHATAK_SOAK_COMMANDS=$(SOAK_COMMANDS) HISHATAK_SOAK_SEED=$$(date +%s) build/sanitize/tests/ui/test_soak

# libFuzzer targets for every parser of outside input (tests/fuzz/README.md),
# built with clang and the sanitizers in build/fuzz. Each runs FUZZ_SECONDS
# on its seeds in tests/fuzz/NAME/ and what it found before in
# build/fuzz/corpus/NAME/; a crash, leak or hang (an input over 10 s) fails,
# leaving the input in build/fuzz/crashes/.
FUZZ_SECONDS ?= 60
FUZZ_NAMES    = $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_PACKAGES = clang libclang-rt-14-dev
FUZZ_FLAGS    = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=all
fuzz: deps
	$(call install_missing,$(FUZZ_PACKAGES))
	@$(MAKE) --no-print-directory OUT=build/fuzz CC=clang SANITIZE="$(FUZZ_FLAGS)" $(FUZZ_NAMES:%=build/fuzz/fuzz_%)
	@mkdir -p build/fuzz/crashes; failed=0; for n in $(FUZZ_NAMES); do \
	  echo "== fuzz_$$n, $(FUZZ_SECONDS) s"; mkdir -p build/fuzz/corpus/$$n; \
	  build/fuzz/fuzz_$$n -max_total_time=$(FUZZ_SECONDS) -timeout=10 -print_final_stats=1 \
	    -artifact_prefix=build/fuzz/crashes/$$n- build/fuzz/corpus/$$n tests/fuzz/$$n \
	    > build/fuzz/$$n.log 2>&1 || { failed=1; tail -40 build/fuzz/$$n.log; }; \
	  grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' build/fuzz/$$n.log | tr '\n' ' '; echo; \
	done; \
	if [ $$failed = 0 ]; then echo "every fuzz target ran $(FUZZ_SECONDS) s without a fault"; else echo "a fuzz target FAILED"; exit 1; fi

$(OUT)/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz.h $(APP_LIBS) $(SANITIZE_OBJ)
	$(CC) $(CFLAGS) $(call layer_cflags,$<) -Itests/fuzz -o $@ $< tests/fuzz/replay.c $(SANITIZE_OBJ) $(APP_LIBS) $(LDLIBS)

$(OUT)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(APP_LIBS)
	$(CC) $(CFLAGS) $(call layer_cflags,$<) -fsanitize=fuzzer -Itests/fuzz -o $@ $< $(APP_LIBS) $(LDLIBS)

# Figures of speed, each beside what it is compared with (see tests/bench/).
build/bench/bench: tests/bench/bench.c tests/bench/archive.h $(APP_LIBS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(call layer_cflags,$<) -o $@ $< $(APP_LIBS) $(LDLIBS)

build/bench/bare_window: tests/bench/bare_window.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(call layer_cflags,$<) -o $@ $< $(LDLIBS)

bench: deps bench-deps all build/bench/bench build/bench/bare_window
	build/bench/bench

# The kill test of tests/cli/test_bundles.c with many more trials.
killtest: deps all build/test/hishatak build/test/hishatak-media build/tests/cli/test_bundles
	HISHATAK_KILL_TRIALS=200 build/tests/cli/test_bundles

# The Raspberry Pi: cross-built with Debian's cross compilers against
# Debian's packages for the Pi's architecture, unpacked by mmdebstrap into a
# sysroot (no emulation, and nothing installed for another architecture on
# this machine: libmupdf-dev cannot be installed for two at once). The unit
# tests run under qemu-user. A test that starts the program itself (as
# test_config does) needs binfmt_misc to know the architecture: it is
# registered as image/build.sh does (as root); where it cannot be (a
# container), HISHATAK_TEST_NO_PROGRAM says why and those tests are skipped,
# saying so, rather than fail with "Exec format error".
# The sysroots, and so the programs for the Pi, are Debian 13's (MuPDF 1.25,
# FFmpeg 7.1, SQLite 3.46, ICU 76), the release the image is made from,
# while the native build here stays on this machine's Debian 12 (MuPDF
# 1.21): the unit tests run against both. Debian 12's cross compiler
# builds against Debian 13's headers and libraries in the sysroot.
#   $(1) Debian's architecture, $(2) the GNU triplet, $(3) qemu's name,
#   $(4) where the build goes
CROSS_SUITE ?= trixie
# Debian 12's cross compiler puts its own C library (Debian 12's glibc,
# libc6-dev-ARCH-cross) before the sysroot's; the programs are built with
# the sysroot's (Debian 13's) headers, start files and libraries instead,
# which its other libraries were built against. Debian 13's armhf
# libraries have a 64-bit time_t (the t64 transition), which its own
# compiler makes the default and Debian 12's must be told (_TIME_BITS=64;
# nothing changes on arm64).
#   $(1) Debian's architecture, $(2) the GNU triplet
cross_cc = $(2)-gcc --sysroot=$(CURDIR)/build/sysroot-$(1) -D_TIME_BITS=64 -nostdinc \
  -isystem $(shell $(2)-gcc -print-file-name=include 2>/dev/null) \
  -isystem $(CURDIR)/build/sysroot-$(1)/usr/include/$(2) -isystem $(CURDIR)/build/sysroot-$(1)/usr/include \
  -B$(CURDIR)/build/sysroot-$(1)/usr/lib/$(2)/
SYSROOT_SPEC = $(CROSS_SUITE): libc6-dev $(LIB_PACKAGES)
define cross_build
$(1)-deps:
	$$(call install_missing,gcc-$(2) libc6-dev-$(1)-cross qemu-user-static mmdebstrap file)

# The sysroot is made again only when its suite or packages change (its
# .made says which it holds), not at every edit of this Makefile.
sysroot-$(1): $(1)-deps
	@if [ "$$$$(cat build/sysroot-$(1)/.made 2>/dev/null)" != "$$(SYSROOT_SPEC)" ]; then set -e; \
	  echo "the $(1) sysroot: $$(CROSS_SUITE)'s packages (mmdebstrap)"; \
	  rm -rf build/sysroot-$(1) build/sysroot-$(1).new; mkdir -p build; \
	  mmdebstrap --quiet --variant=extract --arch=$(1) --include="$$$$(echo libc6-dev $$(LIB_PACKAGES) | tr ' ' ,)" \
	    $$(CROSS_SUITE) build/sysroot-$(1).new "deb http://deb.debian.org/debian $$(CROSS_SUITE) main" \
	    "deb http://deb.debian.org/debian $$(CROSS_SUITE)-updates main" "deb http://deb.debian.org/debian-security $$(CROSS_SUITE)-security main"; \
	  for d in bin lib sbin; do [ -e build/sysroot-$(1).new/$$$$d ] || ln -s usr/$$$$d build/sysroot-$(1).new/$$$$d; done; \
	  echo "$$(SYSROOT_SPEC)" >build/sysroot-$(1).new/.made; \
	  mv build/sysroot-$(1).new build/sysroot-$(1); \
	fi

$(1): sysroot-$(1)
	$$(MAKE) --no-print-directory OUT=$(4) CC="$$(call cross_cc,$(1),$(2))" AR=$(2)-ar \
	  PKG_CONFIG="PKG_CONFIG_SYSROOT_DIR=$$(CURDIR)/build/sysroot-$(1) PKG_CONFIG_LIBDIR=$$(CURDIR)/build/sysroot-$(1)/usr/lib/$(2)/pkgconfig:$$(CURDIR)/build/sysroot-$(1)/usr/share/pkgconfig pkg-config" \
	  $(4)/hishatak $(4)/hishatak-media $(4)/test/hishatak $(4)/test/hishatak-media $$(patsubst tests/%.c,$(4)/tests/%,$$(UNIT_TESTS))
	@file $(4)/hishatak

test-$(1): $(1)
	@if [ ! -e /proc/sys/fs/binfmt_misc/qemu-$(3) ] && [ -e /usr/lib/binfmt.d/qemu-$(3).conf ]; then \
	  { [ -e /proc/sys/fs/binfmt_misc/register ] || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc; } 2>/dev/null; \
	  grep -v '^#' /usr/lib/binfmt.d/qemu-$(3).conf 2>/dev/null >/proc/sys/fs/binfmt_misc/register 2>/dev/null || true; \
	fi; \
	if [ -e /proc/sys/fs/binfmt_misc/qemu-$(3) ]; then unset HISHATAK_TEST_NO_PROGRAM; \
	else export HISHATAK_TEST_NO_PROGRAM="binfmt_misc does not know $(3) here (register it as root, as image/build.sh does)"; \
	  echo "make: $$$$HISHATAK_TEST_NO_PROGRAM: the tests that start the program are skipped"; fi; \
	failed=0; for t in $$(patsubst tests/%.c,$(4)/tests/%,$$(UNIT_TESTS)); do echo "== $$$$t (qemu-$(3))"; \
	  QEMU_LD_PREFIX=$$(CURDIR)/build/sysroot-$(1) HISHATAK_PAGE_TIME_LIMIT_MS=$$(EMULATED_PAGE_TIME_LIMIT_MS) qemu-$(3)-static $$$$t || failed=1; done; \
	if [ $$$$failed = 0 ]; then echo "all $(1) unit tests passed"; else echo "some $(1) tests FAILED"; exit 1; fi
endef

UNIT_TESTS = $(wildcard tests/core/test_*.c) tests/ui/test_gesture.c
# A page's time limit (8 s) is wall-clock time, and qemu-user runs MuPDF ten
# times slower or more (on a busy machine, much more): the passages of a
# long XHTML document laid out on one tall page took 54 s here, so under
# emulation the limit is two minutes.
EMULATED_PAGE_TIME_LIMIT_MS ?= 120000
$(eval $(call cross_build,arm64,aarch64-linux-gnu,aarch64,build/aarch64))
$(eval $(call cross_build,armhf,arm-linux-gnueabihf,arm,build/armhf))

# The SD-card image and its test under QEMU (image/README.md); slow, and
# not part of make test.
IMAGE_PACKAGES = mmdebstrap arch-test qemu-user-static mtools dosfstools fdisk e2fsprogs squashfs-tools xz-utils kmod
IMAGE_TEST_PACKAGES = qemu-system-arm mtools dosfstools socat
image: arm64 all build/aarch64/hishatak-touch
	$(call install_missing,$(IMAGE_PACKAGES))
	image/build.sh build/aarch64/hishatak $(DATA) build/image

# The virtual touch screen make image-test drives inside the image (uinput).
build/aarch64/hishatak-touch: image/touch.c | arm64-deps sysroot-arm64
	$(call cross_cc,arm64,aarch64-linux-gnu) -std=c11 -D_GNU_SOURCE -D_FILE_OFFSET_BITS=64 $(WARN) -Werror -O2 -o $@ $<

# Tests the image there is (make image first when there is none).
image-test:
	@test -f build/image/hishatak-rpi-arm64.img || $(MAKE) --no-print-directory image
	$(call install_missing,$(IMAGE_TEST_PACKAGES))
	image/test.sh build/image

clean:
	rm -rf build
