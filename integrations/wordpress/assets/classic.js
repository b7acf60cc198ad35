/**
 * The classic editor's Newsmetrics box: the draft in the editor (HTML, as the post is saved)
 * analysed through the plugin's REST route; a short summary, written as text nodes only.
 */
( function ( wp, config ) {
	'use strict';

	const { __, sprintf } = wp.i18n;

	function draftHtml() {
		const editor = window.tinymce && window.tinymce.get( 'content' );
		if ( editor && ! editor.isHidden() ) {
			return editor.getContent();
		}
		const area = document.getElementById( 'content' );
		return area ? area.value : '';
	}

	function line( parent, tag, text, className ) {
		const node = document.createElement( tag );
		node.textContent = text;
		if ( className ) {
			node.className = className;
		}
		parent.appendChild( node );
		return node;
	}

	function show( results, report ) {
		results.replaceChildren();
		const cues = ( report.hedging && report.hedging.cues ) || [];
		const attributions = ( report.attribution && report.attribution.attributions ) || [];
		const anonymous = attributions.filter( ( item ) => item.source_type === 'anonymous' ).length;
		const summary = document.createElement( 'dl' );
		summary.className = 'newsmetrics-summary';
		const rows = [
			[ __( 'Actors', 'newsmetrics' ), ( report.actors || [] ).map( ( actor ) => actor.name ).join( ', ' ) || '\u2013' ],
			[ __( 'Hedges', 'newsmetrics' ), cues.map( ( cue ) => cue.span.exact ).join( ', ' ) || '\u2013' ],
			[ __( 'Attributions', 'newsmetrics' ), sprintf( __( '%1$d (%2$d anonymous)', 'newsmetrics' ), attributions.length, anonymous ) ],
		];
		( ( report.comparison && report.comparison.composites ) || [] ).forEach( ( composite ) => {
			rows.push( [ composite.name, Math.round( composite.value ) + ( composite.band ? ' (' + composite.band + ')' : '' ) ] );
		} );
		rows.forEach( ( [ term, value ] ) => {
			line( summary, 'dt', term );
			line( summary, 'dd', value );
		} );
		results.appendChild( summary );
	}

	document.addEventListener( 'click', ( event ) => {
		const button = event.target.closest( '#newsmetrics-analyse' );
		if ( ! button ) {
			return;
		}
		const results = document.getElementById( 'newsmetrics-results' );
		const title = document.getElementById( 'title' );
		button.disabled = true;
		results.replaceChildren();
		line( results, 'p', __( 'Analysing\u2026', 'newsmetrics' ) );
		wp.apiFetch( {
			path: config.route.replace( '%d', button.dataset.post ),
			method: 'POST',
			data: { html: draftHtml(), title: title ? title.value : '' },
		} ).then(
			( response ) => show( results, response.report ),
			( error ) => {
				results.replaceChildren();
				line( line( results, 'div', '', 'notice notice-error inline' ), 'p', ( error && error.message ) || __( 'The analysis failed.', 'newsmetrics' ) );
			}
		).finally( () => {
			button.disabled = false;
		} );
	} );
}( window.wp, window.newsmetricsEditor ) );
