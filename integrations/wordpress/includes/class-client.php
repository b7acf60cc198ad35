<?php
/**
 * The newsmetrics service as this server calls it: the key added here, errors made notices.
 *
 * Every failure comes back as a WP_Error whose message is a notice an editor can act on and
 * whose data carries the HTTP status this plugin's own route answers with. Nothing the service
 * or the network says reaches that message before the key has been taken out of it.
 *
 * @package Newsmetrics
 */

namespace Newsmetrics;

use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * A client of the service's /v1 API.
 */
final class Client {

	private const API_KEY_HEADER = 'X-API-Key';
	private const REDACTED       = '[key removed]';
	// Statuses of this plugin's route: the service's fault or absence is a bad gateway (502) or
	// unavailable (503), never 401/403, which the editor would read as its own session failing.
	private const BAD_GATEWAY   = 502;
	private const UNAVAILABLE   = 503;
	private const UNPROCESSABLE = 422;
	// Longest service detail passed on in a notice.
	private const MAX_DETAIL = 300;

	/**
	 * A client for the service at $base_url.
	 *
	 * @param string $base_url The service's base URL, without a trailing slash.
	 * @param string $api_key  The key sent in X-API-Key ('' for none).
	 * @param int    $timeout  Seconds to wait for an answer.
	 */
	public function __construct(
		private readonly string $base_url,
		private readonly string $api_key,
		private readonly int $timeout
	) {
	}

	/**
	 * The client the settings describe.
	 */
	public static function from_settings(): self {
		return new self( Settings::service_url(), Settings::api_key(), Settings::timeout() );
	}

	/**
	 * POST /v1/analyze: the report of one article.
	 *
	 * @param array<string, mixed> $article The request body.
	 * @return array<string, mixed>|WP_Error
	 */
	public function analyze( array $article ): array|WP_Error {
		return $this->request( 'POST', '/v1/analyze', $article );
	}

	/**
	 * PUT /v1/articles/{id}: the draft stored as the article's next revision.
	 *
	 * @param string               $id      The article's id (the post ID).
	 * @param array<string, mixed> $article The request body.
	 * @return array<string, mixed>|WP_Error
	 */
	public function put_article( string $id, array $article ): array|WP_Error {
		return $this->request( 'PUT', '/v1/articles/' . rawurlencode( $id ), $article );
	}

	/**
	 * GET /v1/references: the reference sets the service offers.
	 *
	 * @return array<string, mixed>|WP_Error
	 */
	public function references(): array|WP_Error {
		return $this->request( 'GET', '/v1/references', null );
	}

	/**
	 * One call; the decoded JSON body of a 2xx answer, else a WP_Error with a notice.
	 *
	 * @param string                    $method HTTP method.
	 * @param string                    $path   Path under the base URL.
	 * @param array<string, mixed>|null $body   JSON body, if any.
	 * @return array<string, mixed>|WP_Error
	 */
	private function request( string $method, string $path, ?array $body ): array|WP_Error {
		if ( '' === $this->base_url ) {
			return $this->error( 'newsmetrics_not_configured', __( 'Newsmetrics is not set up: enter the service URL in Settings > Newsmetrics.', 'newsmetrics' ), self::UNAVAILABLE );
		}
		$headers = array( 'Accept' => 'application/json' );
		if ( '' !== $this->api_key ) {
			$headers[ self::API_KEY_HEADER ] = $this->api_key;
		}
		$args = array(
			'method'      => $method,
			'timeout'     => $this->timeout,
			'redirection' => 0,
			'headers'     => $headers,
		);
		if ( null !== $body ) {
			$args['headers']['Content-Type'] = 'application/json';
			$args['body']                    = wp_json_encode( $body );
		}
		$response = wp_remote_request( $this->base_url . $path, $args );
		if ( is_wp_error( $response ) ) {
			return $this->unreachable( $response );
		}
		return $this->read( $response );
	}

	/**
	 * The notice for a request that got no answer (refused, timed out, name not found).
	 *
	 * @param WP_Error $failure What the HTTP API said.
	 */
	private function unreachable( WP_Error $failure ): WP_Error {
		$reason = $this->redact( $failure->get_error_message() );
		if ( str_contains( strtolower( $reason ), 'timed out' ) ) {
			/* translators: 1: the service's host, 2: seconds waited */
			$notice = sprintf( __( 'The newsmetrics service at %1$s did not answer within %2$d seconds.', 'newsmetrics' ), $this->host(), $this->timeout );
		} else {
			/* translators: %s: the service's host */
			$notice = sprintf( __( 'The newsmetrics service at %s cannot be reached: it may be down. Saving still works.', 'newsmetrics' ), $this->host() );
		}
		return $this->error( 'newsmetrics_unreachable', $notice, self::BAD_GATEWAY, array( 'reason' => $reason ) );
	}

	/**
	 * The decoded body of a 2xx answer, or the notice for the service's problem.
	 *
	 * @param array<string, mixed> $response What wp_remote_request() returned.
	 * @return array<string, mixed>|WP_Error
	 */
	private function read( array $response ): array|WP_Error {
		$status  = (int) wp_remote_retrieve_response_code( $response );
		$decoded = json_decode( (string) wp_remote_retrieve_body( $response ), true );
		if ( $status >= 200 && $status < 300 ) {
			if ( ! is_array( $decoded ) ) {
				return $this->error(
					'newsmetrics_bad_response',
					__( 'The newsmetrics service answered with something that is not a report. Is the service URL right?', 'newsmetrics' ),
					self::BAD_GATEWAY,
					array( 'service_status' => $status )
				);
			}
			return $decoded;
		}
		$problem = is_array( $decoded ) ? $decoded : array();
		return $this->problem( $status, $problem, (string) wp_remote_retrieve_header( $response, 'retry-after' ) );
	}

	/**
	 * The notice for an error status, from the problem document's stable code when it has one.
	 *
	 * @param int                  $status      The service's status.
	 * @param array<string, mixed> $problem     Its problem+json body (empty when not JSON).
	 * @param string               $retry_after Its Retry-After header.
	 */
	private function problem( int $status, array $problem, string $retry_after ): WP_Error {
		$code   = (string) ( $problem['code'] ?? '' );
		$detail = $this->redact( mb_substr( (string) ( $problem['detail'] ?? $problem['title'] ?? '' ), 0, self::MAX_DETAIL ) );
		$data   = array(
			'service_status' => $status,
			'service_code'   => $code,
			'request_id'     => $this->redact( (string) ( $problem['request_id'] ?? '' ) ),
		);
		if ( 401 === $status || 403 === $status ) {
			return $this->error(
				'newsmetrics_key_refused',
				__( 'The newsmetrics service refused this site\'s API key: check it in Settings > Newsmetrics.', 'newsmetrics' ),
				self::BAD_GATEWAY,
				$data
			);
		}
		if ( 'unknown-reference' === $code ) {
			return $this->error(
				'newsmetrics_unknown_reference',
				/* translators: %s: the reference set's name */
				sprintf( __( 'The service has no reference set named "%s": choose another in Settings > Newsmetrics.', 'newsmetrics' ), Settings::reference() ),
				self::BAD_GATEWAY,
				$data
			);
		}
		if ( 'reference-fitting' === $code ) {
			$data['retry_after'] = (int) $retry_after;
			return $this->error(
				'newsmetrics_reference_fitting',
				/* translators: %d: seconds */
				sprintf( __( 'The reference set is still being prepared; try again in about %d seconds.', 'newsmetrics' ), max( 1, (int) $retry_after ) ),
				self::UNAVAILABLE,
				$data
			);
		}
		if ( $status >= 400 && $status < 500 && 429 !== $status ) {
			return $this->error(
				'newsmetrics_rejected',
				/* translators: %s: the service's explanation */
				sprintf( __( 'The service could not analyse this draft: %s', 'newsmetrics' ), '' !== $detail ? $detail : get_status_header_desc( $status ) ),
				self::UNPROCESSABLE,
				$data
			);
		}
		if ( 503 === $status || 429 === $status ) {
			return $this->error(
				'newsmetrics_unavailable',
				__( 'The newsmetrics service is busy or starting up; try again in a moment. Saving still works.', 'newsmetrics' ),
				self::UNAVAILABLE,
				$data
			);
		}
		return $this->error(
			'newsmetrics_service_error',
			/* translators: %d: HTTP status */
			sprintf( __( 'The newsmetrics service failed (HTTP %d); try again, or tell whoever runs it.', 'newsmetrics' ), $status ),
			self::BAD_GATEWAY,
			$data
		);
	}

	/**
	 * A WP_Error whose data says which status this plugin's route answers with.
	 *
	 * @param string               $code   Error code.
	 * @param string               $notice The notice shown to the editor.
	 * @param int                  $status The route's HTTP status.
	 * @param array<string, mixed> $data   More details for the response.
	 */
	private function error( string $code, string $notice, int $status, array $data = array() ): WP_Error {
		return new WP_Error( $code, $this->redact( $notice ), array( 'status' => $status ) + $data );
	}

	/**
	 * The service's host and port, for notices (never a user or password in the URL).
	 */
	private function host(): string {
		$parts = wp_parse_url( $this->base_url );
		if ( ! is_array( $parts ) || empty( $parts['host'] ) ) {
			return '(invalid URL)';
		}
		return $parts['host'] . ( isset( $parts['port'] ) ? ':' . $parts['port'] : '' );
	}

	/**
	 * The text with the key taken out, wherever it appears.
	 *
	 * @param string $text Text from the service or the network.
	 */
	public function redact( string $text ): string {
		if ( strlen( $this->api_key ) < 1 ) {
			return $text;
		}
		return str_replace( $this->api_key, self::REDACTED, $text );
	}
}
