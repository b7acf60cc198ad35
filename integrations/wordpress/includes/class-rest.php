<?php
/**
 * The plugin's own REST route, which the editor's sidebar and meta box call instead of the
 * service: the service's key stays on this server.
 *
 * POST /wp-json/newsmetrics/v1/posts/{id}/analysis with {text | html, title}: the current
 * draft (not yet saved) analysed by POST /v1/analyze. WordPress checks the REST nonce
 * (X-WP-Nonce, sent by wp.apiFetch) before the permission callback sees the user.
 *
 * @package Newsmetrics
 */

namespace Newsmetrics;

use WP_Error;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

defined( 'ABSPATH' ) || exit;

/**
 * Registers and serves the analysis route.
 */
final class Rest {

	public const NAMESPACE = 'newsmetrics/v1';
	public const ROUTE     = '/posts/(?P<id>\d+)/analysis';
	// The service refuses longer texts (scoring.text.input.MAX_TEXT_CHARS); HTML has markup too.
	private const MAX_TEXT = 200000;
	private const MAX_HTML = 2000000;
	// Reference choices the service takes as `options.baseline` rather than a stored set's name.
	private const BASELINES = array( 'seeds', 'none' );

	/**
	 * Hooks the route.
	 */
	public static function register(): void {
		add_action( 'rest_api_init', array( self::class, 'register_routes' ) );
	}

	/**
	 * The route, its arguments and its permission check.
	 */
	public static function register_routes(): void {
		register_rest_route(
			self::NAMESPACE,
			self::ROUTE,
			array(
				'methods'             => WP_REST_Server::CREATABLE,
				'callback'            => array( self::class, 'analyze' ),
				'permission_callback' => array( self::class, 'can_edit' ),
				'args'                => array(
					'id'    => array(
						'type'     => 'integer',
						'minimum'  => 1,
						'required' => true,
					),
					'text'  => array(
						'type'      => 'string',
						'maxLength' => self::MAX_TEXT,
					),
					'html'  => array(
						'type'      => 'string',
						'maxLength' => self::MAX_HTML,
					),
					'title' => array(
						'type'      => 'string',
						'maxLength' => 1000,
					),
				),
			)
		);
	}

	/**
	 * Only a user who may edit this post may have it analysed.
	 *
	 * @param WP_REST_Request $request The request.
	 */
	public static function can_edit( WP_REST_Request $request ): bool|WP_Error {
		$post_id = (int) $request['id'];
		if ( ! get_post( $post_id ) ) {
			return new WP_Error( 'rest_post_invalid_id', __( 'No such post.', 'newsmetrics' ), array( 'status' => 404 ) );
		}
		return current_user_can( 'edit_post', $post_id );
	}

	/**
	 * The service's report of the draft, trimmed to what the editor shows.
	 *
	 * @param WP_REST_Request $request The request.
	 */
	public static function analyze( WP_REST_Request $request ): WP_REST_Response|WP_Error {
		$text = $request['text'];
		$html = $request['html'];
		if ( ( null === $text ) === ( null === $html ) ) {
			return new WP_Error( 'newsmetrics_text_or_html', __( 'Send the draft as text or as html, not both.', 'newsmetrics' ), array( 'status' => 400 ) );
		}
		$article = null !== $text ? array( 'text' => (string) $text ) : array( 'html' => (string) $html );
		$title   = trim( (string) $request['title'] );
		if ( '' !== $title ) {
			$article['title'] = $title;
		}
		$article['id']      = (string) (int) $request['id'];
		$article['options'] = self::options( array( 'offsets' => 'utf16' ) );
		$report             = Client::from_settings()->analyze( $article );
		if ( is_wp_error( $report ) ) {
			return $report;
		}
		return new WP_REST_Response( array( 'report' => self::trim_report( $report ) ) );
	}

	/**
	 * The request options with the configured reference set.
	 *
	 * @param array<string, mixed> $options Other options.
	 * @return array<string, mixed>
	 */
	public static function options( array $options ): array {
		$reference = Settings::reference();
		if ( in_array( $reference, self::BASELINES, true ) ) {
			$options['baseline'] = $reference;
		} elseif ( '' !== $reference ) {
			$options['reference'] = $reference;
		}
		return $options + array( 'include_text' => false );
	}

	/**
	 * The report without what the sidebar never shows: each reference article's value and the
	 * list of tonal words (most of its size on a long article).
	 *
	 * @param array<string, mixed> $report The service's report.
	 * @return array<string, mixed>
	 */
	public static function trim_report( array $report ): array {
		unset( $report['text'], $report['tone']['tonal_words'] );
		foreach ( array( 'metrics', 'composites', 'actors' ) as $part ) {
			foreach ( (array) ( $report['comparison'][ $part ] ?? array() ) as $index => $item ) {
				unset( $report['comparison'][ $part ][ $index ]['reference']['values'] );
			}
		}
		if ( isset( $report['comparison']['reference']['ids'] ) ) {
			unset( $report['comparison']['reference']['ids'] );
		}
		return $report;
	}
}
