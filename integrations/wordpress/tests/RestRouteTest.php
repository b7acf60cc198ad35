<?php
/**
 * The analysis route: who may call it, what it sends, what it answers, and that the key is in
 * none of its answers.
 *
 * @package Newsmetrics
 */

namespace Newsmetrics\Tests;

use WP_Error;

/**
 * POST /newsmetrics/v1/posts/{id}/analysis.
 */
final class RestRouteTest extends Test_Case {

	/**
	 * A request without a logged-in user gets 401 and never reaches the service.
	 */
	public function test_a_visitor_is_refused(): void {
		$author = $this->as_user( 'author' );
		$post   = $this->draft( $author );
		wp_set_current_user( 0 );
		$this->service_answers( 200, self::report() );
		list( $status, $json ) = $this->analyse( $post );
		$this->assertSame( 401, $status );
		$this->assertStringContainsString( 'rest_forbidden', $json );
		$this->assertSame( array(), $this->sent, 'nothing reaches the service' );
	}

	/**
	 * A contributor or subscriber asking about another user's post gets 403.
	 */
	public function test_a_user_who_cannot_edit_the_post_is_refused(): void {
		$author = $this->as_user( 'author' );
		$post   = $this->draft( $author );
		$this->as_user( 'contributor' ); // May not edit another user's post.
		$this->service_answers( 200, self::report() );
		list( $status ) = $this->analyse( $post );
		$this->assertSame( 403, $status );
		$this->as_user( 'subscriber' );
		list( $status ) = $this->analyse( $post );
		$this->assertSame( 403, $status );
		$this->assertSame( array(), $this->sent );
	}

	/**
	 * A post ID that does not exist gets 404.
	 */
	public function test_an_unknown_post_is_404(): void {
		$this->as_user( 'editor' );
		list( $status ) = $this->analyse( 987654321 );
		$this->assertSame( 404, $status );
	}

	/**
	 * The author gets the report; the key is in the request to the service and in no answer.
	 */
	public function test_the_author_gets_the_report_and_the_key_goes_only_to_the_service(): void {
		$post = $this->draft( $this->as_user( 'author' ) );
		$this->service_answers( 200, self::report() );
		list( $status, $json, $data ) = $this->analyse(
			$post,
			array(
				'text'  => 'The council may vote on Friday.',
				'title' => 'Council vote',
			)
		);
		$this->assertSame( 200, $status, $json );
		$this->assertSame( 'may', $data['report']['hedging']['cues'][0]['span']['exact'] );
		$this->assertStringNotContainsString( self::KEY, $json );
		// Trimmed: no text (the editor has it), no per-article reference values.
		$this->assertArrayNotHasKey( 'text', $data['report'] );
		$this->assertArrayNotHasKey( 'values', $data['report']['comparison']['metrics'][0]['reference'] );
		$this->assertArrayNotHasKey( 'tonal_words', $data['report']['tone'] );

		$this->assertCount( 1, $this->sent );
		list( $url, $args ) = $this->sent[0];
		$this->assertSame( 'http://127.0.0.1:8765/v1/analyze', $url );
		$this->assertSame( 'POST', $args['method'] );
		$this->assertSame( self::KEY, $args['headers']['X-API-Key'] );
		$sent = json_decode( $args['body'], true );
		$this->assertSame( 'The council may vote on Friday.', $sent['text'] );
		$this->assertSame( 'Council vote', $sent['title'] );
		$this->assertSame( (string) $post, $sent['id'] );
		$this->assertSame(
			array(
				'offsets'      => 'utf16',
				'baseline'     => 'seeds',
				'include_text' => false,
			),
			$sent['options']
		);
	}

	/**
	 * A reference set named in the settings is sent as the reference, not as the baseline.
	 */
	public function test_a_stored_reference_set_is_asked_for_by_name(): void {
		$post = $this->draft( $this->as_user( 'editor' ) );
		$this->configure( 'http://127.0.0.1:8765', self::KEY, 'politics-desk' );
		$this->service_answers( 200, self::report() );
		$this->analyse( $post );
		$sent = json_decode( $this->sent[0][1]['body'], true );
		$this->assertSame( 'politics-desk', $sent['options']['reference'] );
		$this->assertArrayNotHasKey( 'baseline', $sent['options'] );
	}

	/**
	 * The route takes text or HTML, never both and never neither.
	 */
	public function test_text_or_html_exactly_one(): void {
		$post = $this->draft( $this->as_user( 'editor' ) );
		$this->service_answers( 200, self::report() );
		list( $both )    = $this->analyse(
			$post,
			array(
				'text' => 'a',
				'html' => '<p>a</p>',
			)
		);
		list( $neither ) = $this->analyse( $post, array( 'title' => 'a' ) );
		$this->assertSame( array( 400, 400 ), array( $both, $neither ) );
		$this->assertSame( array(), $this->sent );
	}

	/**
	 * The service's problems, each made a notice with the status the route answers.
	 *
	 * @return array<string, array{0: int, 1: array<string, mixed>|string, 2: array<string, string>, 3: int, 4: string, 5: string}>
	 */
	public static function problems(): array {
		$problem = static fn ( int $status, string $code, string $detail ): array => array(
			'type'       => 'about:blank',
			'title'      => get_status_header_desc( $status ),
			'status'     => $status,
			'code'       => $code,
			'detail'     => $detail,
			'request_id' => 'req-1',
		);
		return array(
			// The detail echoes what was sent, the key included: it is taken out.
			'422 invalid input' => array( 422, $problem( 422, 'empty-text', 'the text is empty; key ' . self::KEY ), array(), 422, 'newsmetrics_rejected', 'analyse this draft: the text is empty' ),
			'413 too large'     => array( 413, $problem( 413, 'payload-too-large', 'the body is over 2 MiB' ), array(), 422, 'newsmetrics_rejected', 'the body is over 2 MiB' ),
			'401 key refused'   => array( 401, $problem( 401, 'unauthorized', 'missing or wrong API key' ), array(), 502, 'newsmetrics_key_refused', 'refused this site\'s API key' ),
			'404 unknown set'   => array( 404, $problem( 404, 'unknown-reference', 'no reference set "seeds"' ), array(), 502, 'newsmetrics_unknown_reference', 'no reference set named "seeds"' ),
			'409 set fitting'   => array( 409, $problem( 409, 'reference-fitting', 'still fitting' ), array( 'retry-after' => '7' ), 503, 'newsmetrics_reference_fitting', 'in about 7 seconds' ),
			'503 unavailable'   => array( 503, $problem( 503, 'not-ready', 'draining' ), array(), 503, 'newsmetrics_unavailable', 'busy or starting up' ),
			'429 rate limited'  => array( 429, $problem( 429, 'too-many-requests', 'slow down' ), array(), 503, 'newsmetrics_unavailable', 'busy or starting up' ),
			'500 not JSON'      => array( 500, '<html>Internal Server Error ' . self::KEY . '</html>', array(), 502, 'newsmetrics_service_error', 'failed (HTTP 500)' ),
			'200 not JSON'      => array( 200, '<html>a login page</html>', array(), 502, 'newsmetrics_bad_response', 'not a report' ),
		);
	}

	/**
	 * Each problem of the service.
	 *
	 * @dataProvider problems
	 *
	 * @param int                         $status   Service status.
	 * @param array<string, mixed>|string $body     Service body.
	 * @param array<string, string>       $headers  Service headers.
	 * @param int                         $expected The route's status.
	 * @param string                      $code     The route's error code.
	 * @param string                      $notice   Words of the notice.
	 */
	public function test_service_problems_become_notices( int $status, array|string $body, array $headers, int $expected, string $code, string $notice ): void {
		$post = $this->draft( $this->as_user( 'editor' ) );
		$this->service_answers( $status, $body, $headers );
		list( $got, $json, $data ) = $this->analyse( $post );
		$this->assertSame( $expected, $got, $json );
		$this->assertSame( $code, $data['code'] );
		$this->assertStringContainsString( $notice, $data['message'] );
		$this->assertStringNotContainsString( self::KEY, $json );
	}

	/**
	 * A closed port becomes a 502 whose notice says the service cannot be reached.
	 */
	public function test_a_service_that_refuses_connections_is_a_notice(): void {
		$post = $this->draft( $this->as_user( 'editor' ) );
		$this->configure( self::CLOSED_URL, self::KEY, 'seeds' );
		list( $status, $json, $data ) = $this->analyse( $post );
		$this->assertSame( 502, $status, $json );
		$this->assertSame( 'newsmetrics_unreachable', $data['code'] );
		$this->assertStringContainsString( 'at 127.0.0.1:9 cannot be reached', $data['message'] );
		$this->assertMatchesRegularExpression( '/refused|connect/i', $data['data']['reason'] );
		$this->assertStringNotContainsString( self::KEY, $json );
	}

	/**
	 * A transport error message quoting the key is shown without it.
	 */
	public function test_a_transport_error_naming_the_key_is_redacted(): void {
		$post = $this->draft( $this->as_user( 'editor' ) );
		add_filter(
			'pre_http_request',
			static fn () => new WP_Error( 'http_request_failed', 'proxy said: bad header X-API-Key: ' . self::KEY )
		);
		list( $status, $json ) = $this->analyse( $post );
		$this->assertSame( 502, $status );
		$this->assertStringContainsString( '[key removed]', $json );
		$this->assertStringNotContainsString( self::KEY, $json );
	}

	/**
	 * Without a service URL the route answers 503 and sends nothing.
	 */
	public function test_not_configured_is_a_notice_without_a_request(): void {
		$post = $this->draft( $this->as_user( 'editor' ) );
		$this->configure( '', '', '' );
		$this->service_answers( 200, self::report() );
		list( $status, $json, $data ) = $this->analyse( $post );
		$this->assertSame( 503, $status, $json );
		$this->assertSame( 'newsmetrics_not_configured', $data['code'] );
		$this->assertSame( array(), $this->sent );
	}
}
