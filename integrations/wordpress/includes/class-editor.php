<?php
/**
 * The editors' side: the block editor's sidebar script and the classic editor's meta box.
 *
 * Both call this plugin's REST route through wp.apiFetch (which sends the REST nonce); what
 * they are given here is the route and whether the service is set up, never the key.
 *
 * @package Newsmetrics
 */

namespace Newsmetrics;

use WP_Post;

defined( 'ABSPATH' ) || exit;

/**
 * Scripts, styles and the meta box.
 */
final class Editor {

	// The wp.* globals the sidebar uses; WordPress 6.1 ships every one of them.
	private const SIDEBAR_DEPENDENCIES = array(
		'wp-api-fetch',
		'wp-block-editor',
		'wp-components',
		'wp-data',
		'wp-edit-post',
		'wp-editor',
		'wp-element',
		'wp-i18n',
		'wp-notices',
		'wp-plugins',
		'wp-rich-text',
	);

	/**
	 * Hooks the block editor's assets and the classic meta box.
	 */
	public static function register(): void {
		add_action( 'enqueue_block_editor_assets', array( self::class, 'enqueue_sidebar' ) );
		add_action( 'add_meta_boxes', array( self::class, 'add_meta_box' ) );
		add_action( 'admin_enqueue_scripts', array( self::class, 'enqueue_classic' ) );
	}

	/**
	 * What the scripts are told: the route and whether there is a service to call.
	 *
	 * @return array<string, mixed>
	 */
	private static function config(): array {
		return array(
			'route'         => '/' . Rest::NAMESPACE . '/posts/%d/analysis',
			'configured'    => '' !== Settings::service_url(),
			'settingsUrl'   => current_user_can( 'manage_options' ) ? admin_url( 'options-general.php?page=' . Settings::PAGE ) : '',
			'revisionField' => Revisions::REST_FIELD,
		);
	}

	/**
	 * The sidebar, on the post types whose saves are sent.
	 */
	public static function enqueue_sidebar(): void {
		$screen = get_current_screen();
		if ( ! $screen || ! in_array( $screen->post_type, Revisions::post_types(), true ) ) {
			return;
		}
		self::enqueue( 'sidebar', self::SIDEBAR_DEPENDENCIES );
	}

	/**
	 * The meta box's script, on the classic editor's screens only.
	 *
	 * @param string $hook_suffix The admin page.
	 */
	public static function enqueue_classic( string $hook_suffix ): void {
		$screen = get_current_screen();
		if ( ! in_array( $hook_suffix, array( 'post.php', 'post-new.php' ), true ) || ! $screen || $screen->is_block_editor() ) {
			return;
		}
		if ( in_array( $screen->post_type, Revisions::post_types(), true ) ) {
			self::enqueue( 'classic', array( 'wp-api-fetch', 'wp-i18n' ) );
		}
	}

	/**
	 * One script with its stylesheet and configuration.
	 *
	 * @param string   $name         File name under assets/, without extension.
	 * @param string[] $dependencies Script handles.
	 */
	private static function enqueue( string $name, array $dependencies ): void {
		$handle = 'newsmetrics-' . $name;
		$base   = plugins_url( 'assets/', NEWSMETRICS_PLUGIN_FILE );
		wp_enqueue_script( $handle, $base . $name . '.js', $dependencies, NEWSMETRICS_PLUGIN_VERSION, true );
		wp_enqueue_style( 'newsmetrics-editor', $base . 'editor.css', array(), NEWSMETRICS_PLUGIN_VERSION );
		wp_add_inline_script( $handle, 'window.newsmetricsEditor = ' . wp_json_encode( self::config() ) . ';', 'before' );
	}

	/**
	 * The classic editor's box; the block editor has the sidebar instead.
	 *
	 * @param string $post_type The post type being edited.
	 */
	public static function add_meta_box( string $post_type ): void {
		if ( ! in_array( $post_type, Revisions::post_types(), true ) ) {
			return;
		}
		add_meta_box(
			'newsmetrics',
			__( 'Newsmetrics', 'newsmetrics' ),
			array( self::class, 'render_meta_box' ),
			$post_type,
			'side',
			'default',
			array( '__back_compat_meta_box' => true )
		);
	}

	/**
	 * The box: the last revision's status, a button, and room for the results.
	 *
	 * @param WP_Post $post The post being edited.
	 */
	public static function render_meta_box( WP_Post $post ): void {
		$status = get_post_meta( $post->ID, Revisions::META_KEY, true );
		if ( is_array( $status ) && $status['ok'] ) {
			/* translators: %d: revision number */
			$line = sprintf( __( 'Last save stored as revision %d.', 'newsmetrics' ), (int) $status['revision'] );
		} elseif ( is_array( $status ) ) {
			$line = (string) $status['notice'];
		} else {
			$line = __( 'No revision stored yet: one is stored at every save.', 'newsmetrics' );
		}
		printf( '<p class="newsmetrics-revision">%s</p>', esc_html( $line ) );
		if ( '' === Settings::service_url() ) {
			echo '<p>' . esc_html__( 'Set the service URL in Settings > Newsmetrics first.', 'newsmetrics' ) . '</p>';
			return;
		}
		printf(
			'<p><button type="button" class="button" id="newsmetrics-analyse" data-post="%d">%s</button></p><div id="newsmetrics-results" aria-live="polite"></div>',
			(int) $post->ID,
			esc_html__( 'Analyse this draft', 'newsmetrics' )
		);
	}
}
