<?php
/**
 * Every save of a post stored by the service as the article's next revision.
 *
 * A save from the block editor goes through the REST API: it is sent once, from
 * rest_after_insert_{post_type}. Any other save (the classic editor, Quick Edit, a scheduled
 * post going live, code calling wp_update_post) is sent from save_post. A failure never stops
 * the save: it is recorded on the post (the block editor reads it back as a notice) and shown
 * on the next admin screen for the classic editor.
 *
 * @package Newsmetrics
 */

namespace Newsmetrics;

use WP_Post;

defined( 'ABSPATH' ) || exit;

/**
 * Sends saved posts to PUT /v1/articles/{post ID}.
 */
final class Revisions {

	public const META_KEY   = '_newsmetrics_revision';
	public const REST_FIELD = 'newsmetrics_revision';
	// Per-user notice for the classic editor's next screen; a minute is plenty for a redirect.
	private const NOTICE_TRANSIENT = 'newsmetrics_notice_';
	private const NOTICE_SECONDS   = 60;
	// Statuses whose saves are stored: drafts as well as published posts (a revision history
	// that starts at publication would miss how a story changed before it).
	private const STORED_STATUSES = array( 'draft', 'pending', 'future', 'publish', 'private' );

	/**
	 * Hooks saving, the REST field and the classic editor's notice.
	 */
	public static function register(): void {
		add_action( 'save_post', array( self::class, 'on_save_post' ), 20, 2 );
		add_action( 'init', array( self::class, 'register_rest_hooks' ), 20 );
		add_action( 'admin_notices', array( self::class, 'show_notice' ) );
	}

	/**
	 * The post types whose saves are sent (filter: newsmetrics_post_types).
	 *
	 * @return list<string>
	 */
	public static function post_types(): array {
		return array_values( (array) apply_filters( 'newsmetrics_post_types', array( 'post' ) ) );
	}

	/**
	 * One REST hook and one REST field per post type.
	 */
	public static function register_rest_hooks(): void {
		foreach ( self::post_types() as $post_type ) {
			add_action( 'rest_after_insert_' . $post_type, array( self::class, 'on_rest_insert' ) );
			register_rest_field(
				$post_type,
				self::REST_FIELD,
				array(
					'get_callback' => array( self::class, 'rest_status' ),
					'schema'       => array(
						'description' => __( 'What the newsmetrics service said about the last save.', 'newsmetrics' ),
						'type'        => 'object',
						'context'     => array( 'edit' ),
						'readonly'    => true,
					),
				)
			);
		}
	}

	/**
	 * The status of the last send, for the editor (edit context only).
	 *
	 * @param array<string, mixed> $post The post as the REST API prepared it.
	 * @return array<string, mixed>|null
	 */
	public static function rest_status( array $post ): ?array {
		if ( ! current_user_can( 'edit_post', (int) $post['id'] ) ) {
			return null;
		}
		$status = get_post_meta( (int) $post['id'], self::META_KEY, true );
		return is_array( $status ) ? $status : null;
	}

	/**
	 * A block-editor save, once the post, its meta and terms are written.
	 *
	 * @param WP_Post $post The saved post.
	 */
	public static function on_rest_insert( WP_Post $post ): void {
		self::send( $post );
	}

	/**
	 * Any other save.
	 *
	 * @param int     $post_id The post's ID.
	 * @param WP_Post $post    The post.
	 */
	public static function on_save_post( int $post_id, WP_Post $post ): void {
		if ( defined( 'REST_REQUEST' ) && REST_REQUEST ) {
			return; // rest_after_insert_{post_type} sends it, with the meta in place.
		}
		// The block editor's second request saves only the legacy meta boxes: same text.
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- only tells the request apart; nothing read is used.
		if ( isset( $_REQUEST['meta-box-loader'] ) ) {
			return;
		}
		if ( ! in_array( $post->post_type, self::post_types(), true ) ) {
			return;
		}
		self::send( $post );
		$status = get_post_meta( $post_id, self::META_KEY, true );
		if ( is_array( $status ) && ! $status['ok'] ) {
			set_transient( self::NOTICE_TRANSIENT . get_current_user_id(), $status['notice'], self::NOTICE_SECONDS );
		}
	}

	/**
	 * Sends the post and records what the service said; never throws, never blocks the save.
	 *
	 * @param WP_Post $post The saved post.
	 */
	public static function send( WP_Post $post ): void {
		// An autosave of one's own draft rewrites the post itself (DOING_AUTOSAVE), mid-sentence
		// perhaps: only a save the editor asked for is a revision.
		if ( wp_is_post_revision( $post ) || wp_is_post_autosave( $post ) || ( defined( 'DOING_AUTOSAVE' ) && DOING_AUTOSAVE ) ) {
			return;
		}
		if ( ! in_array( $post->post_status, self::STORED_STATUSES, true ) || '' === trim( $post->post_content ) ) {
			return;
		}
		$article = array(
			'html'    => $post->post_content,
			'options' => Rest::options( array( 'evidence' => true ) ),
		);
		if ( '' !== trim( $post->post_title ) ) {
			$article['title'] = $post->post_title;
		}
		$permalink = get_permalink( $post );
		if ( is_string( $permalink ) && '' !== $permalink ) {
			$article['url'] = $permalink;
		}
		// The local date read in the site's time zone: a post published from a draft may
		// still have no GMT date of its own at this point.
		$published = 'publish' === $post->post_status ? get_post_datetime( $post, 'date', 'local' ) : false;
		if ( $published ) {
			$article['published_at'] = $published->setTimezone( new \DateTimeZone( 'UTC' ) )->format( 'Y-m-d\TH:i:s\Z' );
		}
		$id     = (string) apply_filters( 'newsmetrics_article_id', (string) $post->ID, $post );
		$result = Client::from_settings()->put_article( $id, $article );
		update_post_meta( $post->ID, self::META_KEY, self::status( $result ) );
	}

	/**
	 * What is recorded on the post: the revision stored, or the notice of the failure.
	 *
	 * @param array<string, mixed>|\WP_Error $result The client's answer.
	 * @return array<string, mixed>
	 */
	private static function status( array|\WP_Error $result ): array {
		$time = gmdate( 'c' );
		if ( is_wp_error( $result ) ) {
			return array(
				'ok'     => false,
				'time'   => $time,
				'code'   => $result->get_error_code(),
				'notice' => sprintf(
					/* translators: %s: why the service did not store the revision */
					__( 'Saved. The newsmetrics revision was not stored: %s', 'newsmetrics' ),
					$result->get_error_message()
				),
			);
		}
		$revision = (array) ( $result['revision'] ?? array() );
		return array(
			'ok'        => true,
			'time'      => $time,
			'revision'  => (int) ( $revision['number'] ?? 0 ),
			'unchanged' => (bool) ( $result['unchanged'] ?? false ),
			'notice'    => '',
		);
	}

	/**
	 * The classic editor's notice after a save whose revision failed.
	 */
	public static function show_notice(): void {
		$key    = self::NOTICE_TRANSIENT . get_current_user_id();
		$notice = get_transient( $key );
		if ( ! is_string( $notice ) || '' === $notice ) {
			return;
		}
		delete_transient( $key );
		printf( '<div class="notice notice-warning is-dismissible newsmetrics-notice"><p>%s</p></div>', esc_html( $notice ) );
	}
}
