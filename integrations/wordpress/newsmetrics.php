<?php
/**
 * Plugin Name:       Newsmetrics
 * Description:       Credibility and bias metrics for the draft in the editor, from a newsmetrics service; every save is kept there as a revision.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      8.2
 * License:           MIT
 * Text Domain:       newsmetrics
 *
 * @package Newsmetrics
 */

defined( 'ABSPATH' ) || exit;

define( 'NEWSMETRICS_PLUGIN_VERSION', '0.1.0' );
define( 'NEWSMETRICS_PLUGIN_FILE', __FILE__ );

require_once __DIR__ . '/includes/class-settings.php';
require_once __DIR__ . '/includes/class-client.php';
require_once __DIR__ . '/includes/class-rest.php';
require_once __DIR__ . '/includes/class-revisions.php';
require_once __DIR__ . '/includes/class-editor.php';

Newsmetrics\Settings::register();
Newsmetrics\Rest::register();
Newsmetrics\Revisions::register();
Newsmetrics\Editor::register();
