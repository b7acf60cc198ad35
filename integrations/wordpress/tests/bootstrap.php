<?php
/**
 * Loads the WordPress site that .ci/wordpress.sh made (its folder in NEWSMETRICS_WP_ROOT), with
 * this plugin active, as WordPress itself would for a request to the admin.
 *
 * @package Newsmetrics
 */

/**
 * The host of a URL, before WordPress (and its wp_parse_url) is loaded.
 *
 * @param string $url A URL, or ''.
 */
function newsmetrics_test_host( string $url ): string {
	$host = parse_url( $url, PHP_URL_HOST ); // phpcs:ignore WordPress.WP.AlternativeFunctions.parse_url_parse_url
	return is_string( $host ) ? $host : '127.0.0.1';
}

$newsmetrics_site = getenv( 'NEWSMETRICS_WP_ROOT' );
if ( ! $newsmetrics_site || ! is_file( $newsmetrics_site . '/wp-load.php' ) ) {
	fwrite( STDERR, "NEWSMETRICS_WP_ROOT must name a WordPress site: run .ci/wordpress.sh start DIR\n" ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_fwrite, WordPress.WP.AlternativeFunctions.file_system_operations_fwrite -- PHPUnit's stderr before WordPress is loaded: no WP_Filesystem yet.
	exit( 1 );
}
$_SERVER['HTTP_HOST']   = newsmetrics_test_host( (string) getenv( 'NEWSMETRICS_WP_URL' ) );
$_SERVER['REQUEST_URI'] = '/wp-admin/';
define( 'WP_ADMIN', true ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.NonPrefixedConstantFound -- WordPress's own constant: the tests load the site as an admin request.
require $newsmetrics_site . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/admin.php';
require_once __DIR__ . '/class-test-case.php';

if ( ! class_exists( 'Newsmetrics\\Client' ) ) {
	fwrite( STDERR, "The newsmetrics plugin is not active on the site.\n" ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_fwrite, WordPress.WP.AlternativeFunctions.file_system_operations_fwrite -- PHPUnit's stderr; WP_Filesystem is for files of the site.
	exit( 1 );
}
rest_get_server(); // Fires rest_api_init: the plugin's route is registered.
