<?php
/**
 * The settings screen (Settings > Newsmetrics) and the values it keeps.
 *
 * The API key is written to its own option, never autoloaded, and never printed back: the field
 * is always empty and says whether a key is stored. A NEWSMETRICS_API_KEY constant in
 * wp-config.php takes precedence, so a site can keep the key out of the database altogether.
 *
 * @package Newsmetrics
 */

namespace Newsmetrics;

defined( 'ABSPATH' ) || exit;

/**
 * Settings: service URL, API key (server-side only), reference set, request timeout.
 */
final class Settings {

	public const GROUP        = 'newsmetrics';
	public const OPTION       = 'newsmetrics_settings';
	public const KEY_OPTION   = 'newsmetrics_api_key';
	public const PAGE         = 'newsmetrics';
	public const DEFAULTS     = array(
		'service_url' => '',
		'reference'   => '',
		'timeout'     => 15,
	);
	private const MIN_TIMEOUT = 2;
	// Longer than the service's own time budget (40 s) would only hold the editor's save longer.
	private const MAX_TIMEOUT = 60;
	// A reference set name as the service accepts it (letters, digits, dot, dash, underscore).
	private const REFERENCE_PATTERN = '/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/';

	/**
	 * Hooks the settings screen.
	 */
	public static function register(): void {
		add_action( 'admin_init', array( self::class, 'register_settings' ) );
		add_action( 'admin_menu', array( self::class, 'add_page' ) );
	}

	/**
	 * The settings, with defaults for anything missing.
	 *
	 * @return array{service_url: string, reference: string, timeout: int}
	 */
	public static function get(): array {
		$stored = get_option( self::OPTION, array() );
		return array_merge( self::DEFAULTS, is_array( $stored ) ? $stored : array() );
	}

	/**
	 * The service's base URL without a trailing slash ('' when not set).
	 */
	public static function service_url(): string {
		return untrailingslashit( (string) self::get()['service_url'] );
	}

	/**
	 * The reference set to compare with ('' for the service's default).
	 */
	public static function reference(): string {
		return (string) self::get()['reference'];
	}

	/**
	 * Seconds to wait for the service.
	 */
	public static function timeout(): int {
		return (int) self::get()['timeout'];
	}

	/**
	 * The API key: the constant when defined, else the stored option ('' for none).
	 */
	public static function api_key(): string {
		if ( defined( 'NEWSMETRICS_API_KEY' ) ) {
			return (string) constant( 'NEWSMETRICS_API_KEY' );
		}
		return (string) get_option( self::KEY_OPTION, '' );
	}

	/**
	 * Registers both options with their sanitizers, and the fields of the screen.
	 */
	public static function register_settings(): void {
		register_setting(
			self::GROUP,
			self::OPTION,
			array(
				'type'              => 'object',
				'sanitize_callback' => array( self::class, 'sanitize' ),
				'default'           => self::DEFAULTS,
			)
		);
		register_setting(
			self::GROUP,
			self::KEY_OPTION,
			array(
				'type'              => 'string',
				'sanitize_callback' => array( self::class, 'sanitize_key' ),
				'show_in_rest'      => false,
			)
		);
		add_settings_section( 'newsmetrics_service', __( 'Service', 'newsmetrics' ), '__return_false', self::PAGE );
		$fields = array(
			'service_url' => __( 'Service URL', 'newsmetrics' ),
			'api_key'     => __( 'API key', 'newsmetrics' ),
			'reference'   => __( 'Reference set', 'newsmetrics' ),
			'timeout'     => __( 'Timeout (seconds)', 'newsmetrics' ),
		);
		foreach ( $fields as $field => $label ) {
			add_settings_field(
				'newsmetrics_' . $field,
				$label,
				array( self::class, 'field_' . $field ),
				self::PAGE,
				'newsmetrics_service',
				array( 'label_for' => 'newsmetrics_' . $field )
			);
		}
	}

	/**
	 * Cleans the settings a form sent; invalid values keep the stored ones, with an error shown.
	 *
	 * @param mixed $input What the form sent.
	 * @return array{service_url: string, reference: string, timeout: int}
	 */
	public static function sanitize( $input ): array {
		$current = self::get();
		$input   = is_array( $input ) ? $input : array();
		$url     = trim( (string) ( $input['service_url'] ?? '' ) );
		if ( '' !== $url && ! wp_http_validate_url( $url ) && ! self::is_loopback_url( $url ) ) {
			add_settings_error( self::OPTION, 'service_url', __( 'The service URL must be an http or https URL.', 'newsmetrics' ) );
			$url = $current['service_url'];
		}
		$reference = trim( (string) ( $input['reference'] ?? '' ) );
		if ( '' !== $reference && ! preg_match( self::REFERENCE_PATTERN, $reference ) ) {
			add_settings_error( self::OPTION, 'reference', __( 'A reference set name is letters, digits, dots, dashes and underscores.', 'newsmetrics' ) );
			$reference = $current['reference'];
		}
		$timeout = (int) ( $input['timeout'] ?? self::DEFAULTS['timeout'] );
		return array(
			'service_url' => esc_url_raw( $url, array( 'http', 'https' ) ),
			'reference'   => $reference,
			'timeout'     => max( self::MIN_TIMEOUT, min( self::MAX_TIMEOUT, $timeout ) ),
		);
	}

	/**
	 * An empty key field keeps the stored key; the "remove" box clears it.
	 *
	 * @param mixed $input The key the form sent.
	 */
	public static function sanitize_key( $input ): string {
		// The Settings API checked the form's nonce (options.php) before calling this.
		// phpcs:ignore WordPress.Security.NonceVerification.Missing -- options.php verified the form's nonce.
		if ( ! empty( $_POST['newsmetrics_api_key_remove'] ) ) {
			return '';
		}
		$key = trim( (string) $input );
		if ( '' === $key ) {
			return (string) get_option( self::KEY_OPTION, '' );
		}
		return preg_replace( '/[^\x21-\x7E]/', '', $key );
	}

	/**
	 * True for http URLs on this machine, which wp_http_validate_url() refuses by design.
	 *
	 * @param string $url A URL.
	 */
	private static function is_loopback_url( string $url ): bool {
		$parts = wp_parse_url( $url );
		if ( ! is_array( $parts ) || ! in_array( $parts['scheme'] ?? '', array( 'http', 'https' ), true ) ) {
			return false;
		}
		return in_array( $parts['host'] ?? '', array( 'localhost', '127.0.0.1', '[::1]' ), true );
	}

	/**
	 * Adds Settings > Newsmetrics.
	 */
	public static function add_page(): void {
		add_options_page(
			__( 'Newsmetrics', 'newsmetrics' ),
			__( 'Newsmetrics', 'newsmetrics' ),
			'manage_options',
			self::PAGE,
			array( self::class, 'render_page' )
		);
	}

	/**
	 * The screen: the form, then what the service says about itself right now.
	 */
	public static function render_page(): void {
		if ( ! current_user_can( 'manage_options' ) ) {
			return;
		}
		echo '<div class="wrap"><h1>' . esc_html__( 'Newsmetrics', 'newsmetrics' ) . '</h1>';
		echo '<form action="options.php" method="post">';
		settings_fields( self::GROUP );
		do_settings_sections( self::PAGE );
		submit_button();
		echo '</form>';
		self::render_status();
		echo '</div>';
	}

	/**
	 * The service's reference sets, or the notice that says why they cannot be listed.
	 */
	private static function render_status(): void {
		if ( '' === self::service_url() ) {
			return;
		}
		echo '<h2>' . esc_html__( 'Connection', 'newsmetrics' ) . '</h2>';
		$listing = Client::from_settings()->references();
		if ( is_wp_error( $listing ) ) {
			printf( '<div class="notice notice-error inline" id="newsmetrics-status"><p>%s</p></div>', esc_html( $listing->get_error_message() ) );
			return;
		}
		$names = array();
		foreach ( (array) ( $listing['references'] ?? array() ) as $set ) {
			$names[] = sprintf( '%s (%s)', $set['name'] ?? '?', $set['status'] ?? '?' );
		}
		printf(
			'<div class="notice notice-success inline" id="newsmetrics-status"><p>%s</p></div>',
			esc_html(
				sprintf(
					/* translators: 1: reference sets with their status, 2: the service's default set */
					__( 'The service answers. Reference sets: %1$s; its default: %2$s.', 'newsmetrics' ),
					implode( ', ', $names ),
					(string) ( $listing['default'] ?? '' )
				)
			)
		);
	}

	/**
	 * The service URL field.
	 */
	public static function field_service_url(): void {
		printf(
			'<input type="url" class="regular-text code" id="newsmetrics_service_url" name="%s[service_url]" value="%s" placeholder="https://newsmetrics.example.org">',
			esc_attr( self::OPTION ),
			esc_attr( self::get()['service_url'] )
		);
	}

	/**
	 * The key field: always empty; says whether a key is stored.
	 */
	public static function field_api_key(): void {
		if ( defined( 'NEWSMETRICS_API_KEY' ) ) {
			echo '<p>' . esc_html__( 'Set by the NEWSMETRICS_API_KEY constant in wp-config.php.', 'newsmetrics' ) . '</p>';
			return;
		}
		$stored = '' !== self::api_key();
		printf(
			'<input type="password" class="regular-text" id="newsmetrics_api_key" name="%s" value="" autocomplete="new-password" placeholder="%s">',
			esc_attr( self::KEY_OPTION ),
			$stored ? esc_attr__( 'A key is stored: leave empty to keep it', 'newsmetrics' ) : esc_attr__( 'No key stored', 'newsmetrics' )
		);
		if ( $stored ) {
			printf(
				' <label><input type="checkbox" name="newsmetrics_api_key_remove" value="1"> %s</label>',
				esc_html__( 'Remove the stored key', 'newsmetrics' )
			);
		}
		echo '<p class="description">' . esc_html__( 'Sent by this server to the service only; never to a browser.', 'newsmetrics' ) . '</p>';
	}

	/**
	 * The reference set field.
	 */
	public static function field_reference(): void {
		printf(
			'<input type="text" class="regular-text" id="newsmetrics_reference" name="%s[reference]" value="%s" placeholder="seeds">',
			esc_attr( self::OPTION ),
			esc_attr( self::get()['reference'] )
		);
		echo '<p class="description">' . esc_html__( 'A reference set stored on the service, "seeds", or "none"; empty: the service\'s default.', 'newsmetrics' ) . '</p>';
	}

	/**
	 * The timeout field.
	 */
	public static function field_timeout(): void {
		printf(
			'<input type="number" class="small-text" id="newsmetrics_timeout" name="%s[timeout]" value="%d" min="%d" max="%d">',
			esc_attr( self::OPTION ),
			(int) self::get()['timeout'],
			(int) self::MIN_TIMEOUT,
			(int) self::MAX_TIMEOUT
		);
	}
}
