<?php
/**
 * What every test shares: a transaction rolled back after it, settings, users, a fake service.
 *
 * The fake service is WordPress's own pre_http_request filter: the plugin's request is built
 * and sent through wp_remote_request() as always, and the filter answers instead of the
 * network (and records what was sent). Tests of an unreachable service use no filter.
 *
 * @package Newsmetrics
 */

namespace Newsmetrics\Tests;

use Newsmetrics\Settings;
use PHPUnit\Framework\TestCase as BaseTestCase;
use WP_REST_Request;
use WP_REST_Response;

/**
 * A test inside a rolled-back transaction.
 */
abstract class Test_Case extends BaseTestCase {

	public const KEY = 'nm-secret-0123456789abcdef';
	// Nothing listens on the discard port of this machine.
	public const CLOSED_URL = 'http://127.0.0.1:9';

	/**
	 * Requests the plugin sent: [url, args].
	 *
	 * @var list<array{0: string, 1: array<string, mixed>}>
	 */
	protected array $sent = array();

	/**
	 * A transaction, and the plugin set up against a service on 127.0.0.1:8765.
	 */
	protected function setUp(): void {
		global $wpdb;
		parent::setUp();
		$wpdb->query( 'START TRANSACTION' ); // phpcs:ignore WordPress.VIP.DirectDatabaseQuery, WordPress.DB.DirectDatabaseQuery -- a transaction has no API and nothing to cache: every test is rolled back, as WP_UnitTestCase does.
		wp_cache_flush();
		$this->configure( 'http://127.0.0.1:8765', self::KEY, 'seeds' );
	}

	/**
	 * Everything the test wrote rolled back.
	 */
	protected function tearDown(): void {
		global $wpdb;
		remove_all_filters( 'pre_http_request' );
		wp_set_current_user( 0 );
		$wpdb->query( 'ROLLBACK' ); // phpcs:ignore WordPress.VIP.DirectDatabaseQuery, WordPress.DB.DirectDatabaseQuery -- undoes what the test wrote (see setUp()).
		wp_cache_flush();
		delete_transient( 'newsmetrics_notice_0' );
		parent::tearDown();
	}

	/**
	 * Stores the plugin's settings.
	 *
	 * @param string $url       Service URL.
	 * @param string $key       API key.
	 * @param string $reference Reference set.
	 */
	protected function configure( string $url, string $key, string $reference ): void {
		update_option(
			Settings::OPTION,
			array(
				'service_url' => $url,
				'reference'   => $reference,
				'timeout'     => 5,
			)
		);
		update_option( Settings::KEY_OPTION, $key, false );
	}

	/**
	 * Makes every HTTP request of the plugin answer $status with $body (JSON when an array).
	 *
	 * @param int                         $status  HTTP status.
	 * @param array<string, mixed>|string $body    Body.
	 * @param array<string, string>       $headers Response headers.
	 */
	protected function service_answers( int $status, array|string $body, array $headers = array() ): void {
		$content_type = $status >= 400 ? 'application/problem+json' : 'application/json';
		add_filter(
			'pre_http_request',
			function ( $preempt, array $args, string $url ) use ( $status, $body, $headers, $content_type ) {
				$this->sent[] = array( $url, $args );
				return array(
					'headers'  => array_merge( array( 'content-type' => $content_type ), $headers ),
					'body'     => is_array( $body ) ? wp_json_encode( $body ) : $body,
					'response' => array(
						'code'    => $status,
						'message' => get_status_header_desc( $status ),
					),
					'cookies'  => array(),
					'filename' => null,
				);
			},
			10,
			3
		);
	}

	/**
	 * A user with a role, made current.
	 *
	 * @param string $role WordPress role.
	 */
	protected function as_user( string $role ): int {
		$user_id = wp_insert_user(
			array(
				'user_login' => 'nm-' . $role . '-' . wp_generate_password( 6, false ),
				'user_pass'  => wp_generate_password(),
				'role'       => $role,
			)
		);
		$this->assertIsInt( $user_id );
		wp_set_current_user( $user_id );
		return $user_id;
	}

	/**
	 * A draft post by $author.
	 *
	 * @param int    $author  Author's user ID.
	 * @param string $content Post content.
	 */
	protected function draft( int $author, string $content = '<!-- wp:paragraph --><p>The council may vote on Friday.</p><!-- /wp:paragraph -->' ): int {
		$post_id = wp_insert_post(
			array(
				'post_title'   => 'Council vote',
				'post_content' => $content,
				'post_status'  => 'draft',
				'post_author'  => $author,
			),
			true
		);
		$this->assertIsInt( $post_id );
		return $post_id;
	}

	/**
	 * POST to the plugin's analysis route, as the browser does (through the REST server).
	 *
	 * @param int                  $post_id Post ID.
	 * @param array<string, mixed> $body    JSON body.
	 * @return array{0: int, 1: string, 2: array<string, mixed>} Status, JSON text, decoded data.
	 */
	protected function analyse( int $post_id, array $body = array( 'text' => 'The council may vote on Friday.' ) ): array {
		$request = new WP_REST_Request( 'POST', '/newsmetrics/v1/posts/' . $post_id . '/analysis' );
		$request->set_header( 'Content-Type', 'application/json' );
		$request->set_body( (string) wp_json_encode( $body ) );
		$response = rest_do_request( $request );
		$this->assertInstanceOf( WP_REST_Response::class, $response );
		$data = rest_get_server()->response_to_data( $response, false );
		$json = (string) wp_json_encode( $data );
		return array( $response->get_status(), $json, (array) $data );
	}

	/**
	 * A small report as the service answers (the key echoed nowhere).
	 *
	 * @return array<string, mixed>
	 */
	protected static function report(): array {
		return array(
			'text'       => 'The council may vote on Friday.',
			'actors'     => array(
				array(
					'id'       => 'council',
					'name'     => 'council',
					'mentions' => array(),
				),
			),
			'hedging'    => array(
				'cues' => array(
					array(
						'span' => array(
							'start' => 12,
							'end'   => 15,
							'exact' => 'may',
						),
					),
				),
			),
			'tone'       => array(
				'tone'        => 0.5,
				'tonal_words' => array( 'vote' ),
			),
			'comparison' => array(
				'reference' => array(
					'name' => 'seeds',
					'size' => 5,
					'ids'  => array( 'a', 'b' ),
				),
				'metrics'   => array(
					array(
						'id'        => 'hedging_density',
						'band'      => 'high',
						'reference' => array(
							'min'    => 0,
							'values' => array( 1, 2 ),
						),
					),
				),
			),
		);
	}
}
