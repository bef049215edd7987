/*
 * rls_client: a resource-list (RFC 4662) presence watcher driven by Debian's liblinphone.
 *
 * All SIP work is done by liblinphone (Belledonne Communications, GPLv3) and its SIP stack belle-sip: registration
 * with digest authentication, the list SUBSCRIBE (Supported: eventlist) sent by a LinphoneFriendList that has an RLS
 * address, and the parsing of the multipart/related + application/rlmi+xml NOTIFYs. This file only configures a core,
 * iterates it and prints what the library reports, one machine-readable line per event on stdout:
 *
 *   REGISTERED                                 the REGISTER got its 200 (after the digest challenge, if any)
 *   REGISTRATION_FAILED <code> <reason>        the registration failed
 *   SUBSCRIPTION <state> [<code> <reason>]     the list subscription changed state (outgoing-progress, pending,
 *                                              active, terminated, error, expiring ...); code/reason on error
 *   NOTIFY                                     a NOTIFY of the list subscription reached the friend list
 *   PRESENCE <uri> <basic> <activity> [<note>] a resource's presence, as liblinphone parsed it from the RLMI part
 *                                              and its PIDF part (basic: open|closed; activity: a RPID activity
 *                                              such as away, or "-" when none)
 *   DONE                                       every expected resource was reported (with the expected state)
 *   UNSUBSCRIBED                               the unsubscribe (Expires: 0) ended the subscription
 *   MISSING <uri>[=<state>]                    at a timeout: an expected resource not (yet) reported as expected
 *   TIMEOUT                                    the timeout passed first (exit code 1)
 *
 * Exit codes: 0 every expected resource was reported, 1 timeout, 2 usage, 3 registration failed,
 * 4 the list subscription ended in error or was terminated before every expected resource was reported,
 * 5 liblinphone could not be set up.
 *
 * See README.md beside this file.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <linphone/core.h>
#include <linphone/logging.h>

#define MAX_EXPECTED 256

typedef struct {
	char *uri;      /* sip:alice@example.com */
	char *state;    /* NULL (any report), or a basic status (open, closed) or an activity (away, busy ...) */
	int seen;       /* a PRESENCE line was printed for it */
	int matched;    /* ... with the expected state */
} Expected;

static Expected expected[MAX_EXPECTED];
static int expected_count = 0;

static int verbose = 0;
static int registered = 0;
static int registration_failed = 0;
static int subscription_failed = 0;
static int unsubscribed = 0;
static volatile sig_atomic_t interrupted = 0;
static LinphoneFriendList *the_list = NULL;

static void out(const char *fmt, ...) {
	va_list ap;
	va_start(ap, fmt);
	vfprintf(stdout, fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	fflush(stdout);
}

static double now_s(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void on_signal(int sig) {
	(void)sig;
	interrupted = 1;
}

/* "sip:alice@example.com;gr=x" and "<sip:alice@example.com>" compare equal to "sip:alice@example.com". */
static int same_uri(const char *a, const char *b) {
	LinphoneAddress *x = linphone_address_new(a), *y = linphone_address_new(b);
	int eq = 0;
	if (x && y) {
		char *sx = linphone_address_as_string_uri_only(x), *sy = linphone_address_as_string_uri_only(y);
		char *px = strchr(sx, ';'), *py = strchr(sy, ';');
		if (px) *px = 0;
		if (py) *py = 0;
		eq = strcasecmp(sx, sy) == 0;
		bctbx_free(sx);
		bctbx_free(sy);
	} else {
		eq = strcasecmp(a, b) == 0;
	}
	if (x) linphone_address_unref(x);
	if (y) linphone_address_unref(y);
	return eq;
}

static int all_matched(void) {
	for (int i = 0; i < expected_count; i++)
		if (!expected[i].matched) return 0;
	return 1;
}

static const char *state_name(LinphoneSubscriptionState s) {
	switch (s) {
		case LinphoneSubscriptionNone: return "none";
		case LinphoneSubscriptionIncomingReceived: return "incoming-received";
		case LinphoneSubscriptionOutgoingProgress: return "outgoing-progress";
		case LinphoneSubscriptionPending: return "pending";
		case LinphoneSubscriptionActive: return "active";
		case LinphoneSubscriptionTerminated: return "terminated";
		case LinphoneSubscriptionError: return "error";
		case LinphoneSubscriptionExpiring: return "expiring";
	}
	return "unknown";
}

/* ---- presence of the resources -------------------------------------------------------------------------------- */

static void on_presence(LinphoneCore *lc, LinphoneFriend *lf, const char *uri_or_tel, const LinphonePresenceModel *model) {
	(void)lc;
	(void)lf;
	const char *basic = linphone_presence_model_get_basic_status(model) == LinphonePresenceBasicStatusOpen ? "open" : "closed";
	char activity[128] = "-";
	unsigned int n = linphone_presence_model_get_nb_activities(model);
	if (n > 0) {
		LinphonePresenceActivity *act = linphone_presence_model_get_nth_activity(model, 0);
		char *s = act ? linphone_presence_activity_to_string(act) : NULL;
		if (s) {
			/* "away", "on-the-phone" ...: the RPID element name; keep one token */
			snprintf(activity, sizeof activity, "%s", s);
			for (char *p = activity; *p; p++)
				if (*p == ' ' || *p == '\t') *p = '_';
			bctbx_free(s);
		}
	}
	LinphonePresenceNote *note = linphone_presence_model_get_note(model, NULL);
	const char *note_text = note ? linphone_presence_note_get_content(note) : NULL;
	if (note_text && *note_text) {
		char clean[512];
		snprintf(clean, sizeof clean, "%s", note_text);
		for (char *p = clean; *p; p++)
			if (*p == '\n' || *p == '\r') *p = ' ';
		out("PRESENCE %s %s %s %s", uri_or_tel, basic, activity, clean);
	} else {
		out("PRESENCE %s %s %s", uri_or_tel, basic, activity);
	}
	for (int i = 0; i < expected_count; i++) {
		if (!same_uri(expected[i].uri, uri_or_tel)) continue;
		expected[i].seen = 1;
		if (!expected[i].state || strcasecmp(expected[i].state, basic) == 0 || strcasecmp(expected[i].state, activity) == 0)
			expected[i].matched = 1;
		else
			expected[i].matched = 0; /* a later NOTIFY may bring it back; the last report counts */
	}
}

/* ---- registration ------------------------------------------------------------------------------------------ */

static void on_registration(LinphoneCore *lc, LinphoneAccount *account, LinphoneRegistrationState state, const char *message) {
	(void)lc;
	if (state == LinphoneRegistrationOk && !registered) {
		registered = 1;
		out("REGISTERED");
	} else if (state == LinphoneRegistrationFailed) {
		const LinphoneErrorInfo *ei = linphone_account_get_error_info(account);
		int code = ei ? linphone_error_info_get_protocol_code(ei) : 0;
		out("REGISTRATION_FAILED %d %s", code, message ? message : "");
		registration_failed = 1;
	}
}

/* ---- the list subscription's state, from liblinphone's own log -------------------------------------------------
 * liblinphone marks the friend list's SUBSCRIBE as an "internal" LinphoneEvent: its state changes go to the core's
 * internal callbacks only (coreapi/linphonecore.c, linphone_core_internal_subscription_state_changed), which log
 *   "Receiving new state [LinphoneSubscriptionActive] for event [0x...] for friend list [0x...]"
 * and "Notify presence for list 0x...". There is no public getter for that event, so these two log lines are the
 * hook. The event pointer in the line is alive while the line is logged (the log is written from within the state
 * change), so its error info can be read there. */

static void on_log(LinphoneLoggingService *svc, const char *domain, LinphoneLogLevel level, const char *message) {
	(void)svc;
	if (verbose) fprintf(stderr, "[%s] %s\n", domain ? domain : "-", message);
	if (!message) return;
	if (level != LinphoneLogLevelMessage && level != LinphoneLogLevelWarning) return;
	const char *p = strstr(message, "Receiving new state [");
	if (p && strstr(message, "for friend list")) {
		char name[64] = "";
		void *ev = NULL;
		if (sscanf(p, "Receiving new state [%63[^]]] for event [%p]", name, &ev) >= 1) {
			LinphoneSubscriptionState st = LinphoneSubscriptionNone;
			static const struct { const char *n; LinphoneSubscriptionState s; } names[] = {
				{"LinphoneSubscriptionNone", LinphoneSubscriptionNone},
				{"LinphoneSubscriptionIncomingReceived", LinphoneSubscriptionIncomingReceived},
				{"LinphoneSubscriptionOutgoingProgress", LinphoneSubscriptionOutgoingProgress},
				{"LinphoneSubscriptionPending", LinphoneSubscriptionPending},
				{"LinphoneSubscriptionActive", LinphoneSubscriptionActive},
				{"LinphoneSubscriptionTerminated", LinphoneSubscriptionTerminated},
				{"LinphoneSubscriptionError", LinphoneSubscriptionError},
				{"LinphoneSubscriptionExpiring", LinphoneSubscriptionExpiring},
			};
			for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
				if (strcmp(names[i].n, name) == 0) st = names[i].s;
			if ((st == LinphoneSubscriptionError || st == LinphoneSubscriptionTerminated) && ev) {
				const LinphoneErrorInfo *ei = linphone_event_get_error_info((LinphoneEvent *)ev);
				int code = ei ? linphone_error_info_get_protocol_code(ei) : 0;
				const char *phrase = ei ? linphone_error_info_get_phrase(ei) : NULL;
				if (code > 0)
					out("SUBSCRIPTION %s %d %s", state_name(st), code, phrase ? phrase : "");
				else
					out("SUBSCRIPTION %s", state_name(st));
			} else {
				out("SUBSCRIPTION %s", state_name(st));
			}
			if (st == LinphoneSubscriptionError) subscription_failed = 1;
			if (st == LinphoneSubscriptionTerminated) {
				if (unsubscribed == 1) unsubscribed = 2;
				else subscription_failed = 1;
			}
		}
		return;
	}
	if (strncmp(message, "Notify presence for list", 24) == 0) {
		out("NOTIFY");
		return;
	}
	if (strstr(message, "rlmi+xml") || strstr(message, "multipart presence notified") ||
		strstr(message, "'multipart/related' presence")) {
		/* liblinphone's complaints about an RLMI body it could not use (warnings) */
		if (level == LinphoneLogLevelWarning) out("WARNING %s", message);
	}
}

/* ---- arguments ------------------------------------------------------------------------------------------------- */

static void usage(FILE *f) {
	fprintf(f,
		"usage: rls_client --server HOST:PORT --user USER --domain DOMAIN --list-uri URI [options]\n"
		"  --server HOST:PORT     registrar/RLS address (all requests go there: it is the outbound proxy)\n"
		"  --transport udp|tcp    default udp\n"
		"  --user USER            the account's user part (sip:USER@DOMAIN)\n"
		"  --password PW          digest password (omit for a server that does not challenge)\n"
		"  --auth-user NAME       digest username if not USER\n"
		"  --domain DOMAIN        the account's domain\n"
		"  --list-uri URI         the resource list (sip:friends-list@DOMAIN); the SUBSCRIBE's Request-URI\n"
		"  --expect URI[=STATE]   a resource that must be reported; STATE is open|closed or an activity (away ...).\n"
		"                         Repeatable, or several separated by commas\n"
		"  --timeout SECONDS      default 20; exit 1 with TIMEOUT when not every expected resource was reported\n"
		"  --expires SECONDS      Expires of the list SUBSCRIBE (default 600)\n"
		"  --with-body            send the resources (--expect URIs) in the SUBSCRIBE body (RFC 5367 ad-hoc list:\n"
		"                         Require: recipient-list-subscribe, application/resource-lists+xml) instead of the\n"
		"                         default bodyless RFC 4662 subscription to the list URI\n"
		"  --no-register          do not REGISTER; subscribe at once\n"
		"  --hold SECONDS         after DONE keep the subscription this long (more NOTIFYs are printed), default 0\n"
		"  --no-unsubscribe       do not send the unsubscribe (Expires: 0) at the end\n"
		"  --stay-on-error        do not exit 4 when the subscription fails: keep iterating until the timeout\n"
		"                         (shows whether liblinphone retries)\n"
		"  --verbose              liblinphone's log on stderr\n");
}

static void add_expected(char *arg) {
	for (char *tok = strtok(arg, ","); tok; tok = strtok(NULL, ",")) {
		if (!*tok) continue;
		if (expected_count >= MAX_EXPECTED) {
			fprintf(stderr, "too many --expect\n");
			exit(2);
		}
		char *eq = strrchr(tok, '=');
		/* a '=' inside URI parameters (;transport=tcp) is not a state: only take one after the last ';' */
		char *semi = strrchr(tok, ';');
		if (eq && (!semi || eq > semi) && strchr(eq, ':') == NULL && eq[1]) {
			*eq = 0;
			expected[expected_count].state = strdup(eq + 1);
		}
		expected[expected_count].uri = strdup(tok);
		expected_count++;
	}
}

int main(int argc, char **argv) {
	const char *server = NULL, *transport = "udp", *user = NULL, *password = NULL, *auth_user = NULL;
	const char *domain = NULL, *list_uri = NULL;
	double timeout = 20, hold = 0;
	int expires = 600, with_body = 0, do_register = 1, do_unsubscribe = 1, stay_on_error = 0;

	static const struct option opts[] = {
		{"server", required_argument, 0, 's'},   {"transport", required_argument, 0, 't'},
		{"user", required_argument, 0, 'u'},     {"password", required_argument, 0, 'p'},
		{"auth-user", required_argument, 0, 'a'}, {"domain", required_argument, 0, 'd'},
		{"list-uri", required_argument, 0, 'l'}, {"expect", required_argument, 0, 'e'},
		{"timeout", required_argument, 0, 'T'},  {"expires", required_argument, 0, 'x'},
		{"with-body", no_argument, 0, 'B'},      {"no-register", no_argument, 0, 'N'},
		{"hold", required_argument, 0, 'H'},     {"no-unsubscribe", no_argument, 0, 'U'},
		{"verbose", no_argument, 0, 'v'},        {"help", no_argument, 0, 'h'},
		{"stay-on-error", no_argument, 0, 'S'},
		{0, 0, 0, 0}};
	int c;
	while ((c = getopt_long(argc, argv, "s:t:u:p:a:d:l:e:T:x:BNH:UvhS", opts, NULL)) != -1) {
		switch (c) {
			case 's': server = optarg; break;
			case 't': transport = optarg; break;
			case 'u': user = optarg; break;
			case 'p': password = optarg; break;
			case 'a': auth_user = optarg; break;
			case 'd': domain = optarg; break;
			case 'l': list_uri = optarg; break;
			case 'e': add_expected(optarg); break;
			case 'T': timeout = atof(optarg); break;
			case 'x': expires = atoi(optarg); break;
			case 'B': with_body = 1; break;
			case 'N': do_register = 0; break;
			case 'H': hold = atof(optarg); break;
			case 'U': do_unsubscribe = 0; break;
			case 'v': verbose = 1; break;
			case 'S': stay_on_error = 1; break;
			case 'h': usage(stdout); return 0;
			default: usage(stderr); return 2;
		}
	}
	if (!server || !user || !domain || !list_uri || optind < argc) {
		usage(stderr);
		return 2;
	}
	if (strcasecmp(transport, "udp") != 0 && strcasecmp(transport, "tcp") != 0) {
		fprintf(stderr, "--transport must be udp or tcp\n");
		return 2;
	}
	if (with_body && expected_count == 0) {
		fprintf(stderr, "--with-body needs the resources as --expect\n");
		return 2;
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);

	/* A private directory for everything liblinphone writes (config, databases), removed at the end. */
	char dir[] = "/tmp/rls_client.XXXXXX";
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 5;
	}
	char path[512];

	LinphoneLoggingService *log = linphone_logging_service_get();
	LinphoneLoggingServiceCbs *log_cbs = linphone_factory_create_logging_service_cbs(linphone_factory_get());
	linphone_logging_service_cbs_set_log_message_written(log_cbs, on_log);
	linphone_logging_service_add_callbacks(log, log_cbs);
	linphone_logging_service_set_log_level(log, LinphoneLogLevelMessage);

	LinphoneFactory *factory = linphone_factory_get();
	linphone_factory_set_config_dir(factory, dir);
	linphone_factory_set_data_dir(factory, dir);
	linphone_factory_set_download_dir(factory, dir);

	snprintf(path, sizeof path, "%s/linphonerc", dir);
	LinphoneConfig *cfg = linphone_factory_create_config(factory, path);
	/* Random local ports for UDP and TCP (never 5060), no media, nothing stored outside dir. */
	linphone_config_set_int(cfg, "sip", "sip_port", -1);
	linphone_config_set_int(cfg, "sip", "sip_tcp_port", -1);
	linphone_config_set_int(cfg, "sip", "sip_tls_port", 0);
	linphone_config_set_int(cfg, "sip", "rls_presence_expires", expires);
	/* The list SUBSCRIBE waits for the account's 200 unless --no-register. */
	linphone_config_set_int(cfg, "sip", "subscribe_presence_only_when_registered", do_register ? 1 : 0);
	linphone_config_set_int(cfg, "sip", "ipv6", 0);
	linphone_config_set_int(cfg, "net", "firewall_policy", 0);
	linphone_config_set_int(cfg, "video", "capture", 0);
	linphone_config_set_int(cfg, "video", "display", 0);
	linphone_config_set_int(cfg, "sound", "echocancellation", 0);
	snprintf(path, sizeof path, "%s/friends.db", dir);
	linphone_config_set_string(cfg, "misc", "friends_db_path", path);
	snprintf(path, sizeof path, "%s/linphone.db", dir);
	linphone_config_set_string(cfg, "storage", "uri", path);
	linphone_config_set_int(cfg, "misc", "store_friends", 0);
	linphone_config_set_int(cfg, "misc", "uuid", 0);

	LinphoneCore *lc = linphone_factory_create_core_with_config_3(factory, cfg, NULL);
	if (!lc) {
		fprintf(stderr, "liblinphone: no core\n");
		return 5;
	}
	linphone_core_set_user_agent(lc, "SimpleActors-rls_client (liblinphone)", linphone_core_get_version());
	linphone_core_enable_video_capture(lc, FALSE);
	linphone_core_enable_video_display(lc, FALSE);
	linphone_core_set_use_files(lc, TRUE); /* no sound card */

	LinphoneCoreCbs *cbs = linphone_factory_create_core_cbs(factory);
	linphone_core_cbs_set_account_registration_state_changed(cbs, on_registration);
	linphone_core_cbs_set_notify_presence_received_for_uri_or_tel(cbs, on_presence);
	linphone_core_add_callbacks(lc, cbs);

	if (linphone_core_start(lc) != 0) {
		fprintf(stderr, "liblinphone: the core did not start\n");
		return 5;
	}

	/* The account: identity sip:user@domain, registrar and outbound proxy = --server over --transport. */
	char buf[1024];
	snprintf(buf, sizeof buf, "sip:%s;transport=%s", server, transport);
	LinphoneAddress *server_addr = linphone_factory_create_address(factory, buf);
	snprintf(buf, sizeof buf, "sip:%s@%s", user, domain);
	LinphoneAddress *identity = linphone_factory_create_address(factory, buf);
	if (!server_addr || !identity) {
		fprintf(stderr, "bad --server or --user/--domain\n");
		return 2;
	}
	LinphoneAccountParams *params = linphone_core_create_account_params(lc);
	linphone_account_params_set_identity_address(params, identity);
	linphone_account_params_set_server_address(params, server_addr);
	bctbx_list_t *routes = bctbx_list_append(NULL, server_addr);
	linphone_account_params_set_routes_addresses(params, routes); /* every request goes to --server */
	bctbx_list_free(routes);
	linphone_account_params_enable_register(params, do_register);
	linphone_account_params_set_publish_enabled(params, FALSE);
	linphone_account_params_set_expires(params, 600);
	LinphoneAccount *account = linphone_core_create_account(lc, params);
	linphone_account_params_unref(params);
	if (password) {
		LinphoneAuthInfo *ai = linphone_factory_create_auth_info(factory, user, auth_user ? auth_user : user, password,
															   NULL, NULL, domain);
		linphone_core_add_auth_info(lc, ai);
		linphone_auth_info_unref(ai);
	}
	linphone_core_add_account(lc, account);
	linphone_core_set_default_account(lc, account);

	/* The friend list: RLS address = the list URI; bodyless = RFC 4662 subscription to a server-side list, the
	 * friends being created from the RLMI; with a body = RFC 5367 list of the --expect URIs. */
	LinphoneFriendList *list = linphone_core_create_friend_list(lc);
	the_list = list;
	linphone_friend_list_set_display_name(list, "rls_client");
	LinphoneAddress *rls = linphone_factory_create_address(factory, list_uri);
	if (!rls) {
		fprintf(stderr, "bad --list-uri\n");
		return 2;
	}
	linphone_friend_list_set_rls_address(list, rls);
	linphone_address_unref(rls);
	linphone_friend_list_set_subscription_bodyless(list, with_body ? FALSE : TRUE);
	if (with_body) {
		for (int i = 0; i < expected_count; i++) {
			LinphoneFriend *lf = linphone_core_create_friend_with_address(lc, expected[i].uri);
			if (!lf) {
				fprintf(stderr, "bad --expect URI %s\n", expected[i].uri);
				return 2;
			}
			linphone_friend_enable_subscribes(lf, TRUE);
			linphone_friend_list_add_friend(list, lf);
			linphone_friend_unref(lf);
		}
	}
	linphone_core_add_friend_list(lc, list);
	linphone_friend_list_enable_subscriptions(list, TRUE);
	linphone_friend_list_update_subscriptions(list);

	int rc = 1;
	double deadline = now_s() + timeout, done_at = 0;
	int done = 0;
	while (!interrupted) {
		linphone_core_iterate(lc);
		if (registration_failed) {
			rc = 3;
			break;
		}
		if (!done && expected_count > 0 && all_matched()) {
			done = 1;
			done_at = now_s();
			out("DONE");
		}
		if (done && now_s() >= done_at + hold) {
			rc = 0;
			break;
		}
		if (!done && subscription_failed && !stay_on_error) {
			rc = 4;
			break;
		}
		if (now_s() >= deadline) {
			if (expected_count == 0 && !subscription_failed) {
				rc = 0; /* nothing expected: just watch until the timeout */
			} else {
				for (int i = 0; i < expected_count; i++)
					if (!expected[i].matched)
						out("MISSING %s%s%s", expected[i].uri, expected[i].state ? "=" : "",
							expected[i].state ? expected[i].state : "");
				out("TIMEOUT");
				rc = 1;
			}
			break;
		}
		usleep(20000);
	}

	/* Unsubscribe (SUBSCRIBE Expires: 0 in the dialog) and unregister, waiting up to 3 s for both to finish. */
	if (do_unsubscribe) {
		unsubscribed = 1;
		linphone_friend_list_enable_subscriptions(list, FALSE);
	}
	if (do_register && registered) {
		LinphoneAccountParams *p2 = linphone_account_params_clone(linphone_account_get_params(account));
		linphone_account_params_enable_register(p2, FALSE);
		linphone_account_set_params(account, p2);
		linphone_account_params_unref(p2);
	}
	double end = now_s() + 3;
	while (now_s() < end) {
		linphone_core_iterate(lc);
		if ((!do_unsubscribe || unsubscribed == 2) &&
			(!do_register || !registered || linphone_account_get_state(account) == LinphoneRegistrationCleared))
			break;
		usleep(20000);
	}
	if (unsubscribed == 2) out("UNSUBSCRIBED");

	linphone_core_remove_callbacks(lc, cbs);
	linphone_core_cbs_unref(cbs);
	linphone_logging_service_remove_callbacks(log, log_cbs);
	linphone_core_stop(lc);
	linphone_friend_list_unref(list);
	linphone_account_unref(account);
	linphone_address_unref(server_addr);
	linphone_address_unref(identity);
	linphone_core_unref(lc);
	linphone_config_unref(cfg);

	snprintf(path, sizeof path, "rm -rf '%s'", dir);
	if (system(path) != 0) fprintf(stderr, "could not remove %s\n", dir);
	return rc;
}
