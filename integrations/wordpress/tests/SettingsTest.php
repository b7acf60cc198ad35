<?php
/**
 * The settings screen keeps the key on the server.
 *
 * @package Newsmetrics
 */

namespace Newsmetrics\Tests;

use Newsmetrics\Editor;
use Newsmetrics\Settings;
use WP_REST_Request;

/**
 * Settings > Newsmetrics.
 */
final class SettingsTest extends Test_Case {

	/**
	 * An empty key field keeps the stored key; the remove box clears it.
	 */
	public function test_an_empty_key_field_keeps_the_stored_key(): void {
		$this->assertSame( self::KEY, Settings::sanitize_key( '' ) );
		$this->assertSame( 'new-key', Settings::sanitize_key( " new-key\n" ) );
		$_POST['newsmetrics_api_key_remove'] = '1';
		try {
			$this->assertSame( '', Settings::sanitize_key( '' ) );
		} finally {
			unset( $_POST['newsmetrics_api_key_remove'] );
		}
	}

	/**
	 * An invalid URL or reference set name keeps the stored value; the timeout is clamped.
	 */
	public function test_invalid_values_keep_the_stored_ones(): void {
		$clean = Settings::sanitize(
			array(
				'service_url' => 'javascript:alert(1)',
				'reference'   => '../etc',
				'timeout'     => '999',
			)
		);
		$this->assertSame( 'http://127.0.0.1:8765', $clean['service_url'] );
		$this->assertSame( 'seeds', $clean['reference'] );
		$this->assertSame( 60, $clean['timeout'] );
	}

	/**
	 * The settings screen's HTML never contains the key.
	 */
	public function test_the_screen_never_prints_the_key(): void {
		$this->as_user( 'administrator' );
		$this->service_answers(
			200,
			array(
				'references' => array(
					array(
						'name'   => 'seeds',
						'status' => 'ready',
					),
				),
				'default'    => 'seeds',
			)
		);
		Settings::register_settings();
		ob_start();
		Settings::render_page();
		$page = (string) ob_get_clean();
		$this->assertStringContainsString( 'A key is stored', $page );
		$this->assertStringContainsString( 'The service answers', $page );
		$this->assertStringNotContainsString( self::KEY, $page );
	}

	/**
	 * Neither the meta box nor the REST settings carry the key.
	 */
	public function test_the_meta_box_and_the_rest_settings_never_carry_the_key(): void {
		$this->as_user( 'administrator' );
		$post = get_post( $this->draft( get_current_user_id() ) );
		ob_start();
		Editor::render_meta_box( $post );
		$box = (string) ob_get_clean();
		$this->assertStringContainsString( 'newsmetrics-analyse', $box );
		$this->assertStringNotContainsString( self::KEY, $box );
		$settings = rest_do_request( new WP_REST_Request( 'GET', '/wp/v2/settings' ) );
		$this->assertSame( 200, $settings->get_status() );
		$this->assertStringNotContainsString( self::KEY, (string) wp_json_encode( $settings->get_data() ) );
	}
}
