<?php
/**
 * Saves sent as revisions; a failing service never stops a save.
 *
 * @package Newsmetrics
 */

namespace Newsmetrics\Tests;

use Newsmetrics\Revisions;

/**
 * PUT /v1/articles/{post ID} on save.
 */
final class RevisionsTest extends Test_Case {

	/**
	 * The service's answer to a new revision.
	 *
	 * @param int  $number    Revision number.
	 * @param bool $unchanged Whether the draft was stored before.
	 * @return array<string, mixed>
	 */
	private static function stored( int $number, bool $unchanged = false ): array {
		return array(
			'revision'  => array(
				'article_id' => '1',
				'number'     => $number,
			),
			'unchanged' => $unchanged,
			'report'    => self::report(),
		);
	}

	/**
	 * A saved draft is PUT to the service with the key; the revision number is kept in the post's meta.
	 */
	public function test_a_saved_draft_is_put_as_the_next_revision(): void {
		$author = $this->as_user( 'author' );
		$this->service_answers( 201, self::stored( 1 ) );
		$post = $this->draft( $author, '<!-- wp:paragraph --><p>"We will reopen the bridge," said Mayor Ana Torres.</p><!-- /wp:paragraph -->' );
		$this->assertCount( 1, $this->sent );
		list( $url, $args ) = $this->sent[0];
		$this->assertSame( 'http://127.0.0.1:8765/v1/articles/' . $post, $url );
		$this->assertSame( 'PUT', $args['method'] );
		$this->assertSame( self::KEY, $args['headers']['X-API-Key'] );
		$body = json_decode( $args['body'], true );
		$this->assertStringContainsString( 'Mayor Ana Torres', $body['html'] );
		$this->assertSame( 'Council vote', $body['title'] );
		$this->assertSame( 'seeds', $body['options']['baseline'] );
		$status = get_post_meta( $post, Revisions::META_KEY, true );
		$this->assertTrue( $status['ok'] );
		$this->assertSame( 1, $status['revision'] );
	}

	/**
	 * A post whose content is only whitespace is not sent.
	 */
	public function test_autosaves_and_empty_posts_are_not_sent(): void {
		$author = $this->as_user( 'author' );
		$this->service_answers( 201, self::stored( 1 ) );
		$this->draft( $author, '   ' );
		$this->assertSame( array(), $this->sent );
	}

	/**
	 * Once published, the revision carries the publication date.
	 */
	public function test_a_published_post_carries_its_date(): void {
		$author = $this->as_user( 'editor' );
		$this->service_answers( 201, self::stored( 2 ) );
		$post = $this->draft( $author );
		wp_publish_post( $post );
		$body = json_decode( end( $this->sent )[1]['body'], true );
		$this->assertMatchesRegularExpression( '/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/', $body['published_at'] );
	}

	/**
	 * With the service down the save still completes, and a notice says why.
	 */
	public function test_a_service_down_never_blocks_the_save_and_leaves_a_notice(): void {
		$author = $this->as_user( 'author' );
		$this->configure( self::CLOSED_URL, self::KEY, 'seeds' );
		$post = $this->draft( $author );
		$this->assertSame( 'draft', get_post_status( $post ), 'the post is saved' );
		$status = get_post_meta( $post, Revisions::META_KEY, true );
		$this->assertFalse( $status['ok'] );
		$this->assertSame( 'newsmetrics_unreachable', $status['code'] );
		$this->assertStringContainsString( 'Saved. The newsmetrics revision was not stored', $status['notice'] );
		$this->assertStringNotContainsString( self::KEY, (string) wp_json_encode( $status ) );
		// The classic editor shows it on the next screen, once.
		ob_start();
		Revisions::show_notice();
		$shown = (string) ob_get_clean();
		$this->assertStringContainsString( 'cannot be reached', $shown );
		ob_start();
		Revisions::show_notice();
		$this->assertSame( '', ob_get_clean() );
	}

	/**
	 * The revision status in the REST API is shown only to users who may edit the post.
	 */
	public function test_the_rest_field_is_for_editors_of_the_post_only(): void {
		$author = $this->as_user( 'author' );
		$this->service_answers( 201, self::stored( 3 ) );
		$post = $this->draft( $author );
		$this->assertSame( 3, Revisions::rest_status( array( 'id' => $post ) )['revision'] );
		$this->as_user( 'subscriber' );
		$this->assertNull( Revisions::rest_status( array( 'id' => $post ) ) );
	}
}
