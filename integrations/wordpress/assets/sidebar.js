/**
 * The block editor's Newsmetrics sidebar: the current draft analysed through the plugin's own
 * REST route (the service's key stays on the server), condensed as the service's page shows
 * it, each item selecting its words in the editor.
 *
 * Plain JavaScript on the wp.* globals WordPress 6.1 ships (no build step). The draft is sent
 * as plain text built from the blocks' rich text, one paragraph per block, so every offset the
 * service returns (UTF-16, as JavaScript counts) maps back to a block and a place in it.
 * Article text reaches the page only as React text children, never as markup.
 */
( function ( wp, config ) {
	'use strict';

	const { createElement: el, Fragment, useState } = wp.element;
	const { registerPlugin } = wp.plugins;
	const { PluginSidebar, PluginSidebarMoreMenuItem } = wp.editPost;
	const { PanelBody, Button, Notice, Spinner } = wp.components;
	const { useSelect, select, dispatch, subscribe } = wp.data;
	const { __, _n, sprintf } = wp.i18n;
	const apiFetch = wp.apiFetch;

	const SIDEBAR = 'newsmetrics-sidebar';
	const PARAGRAPH_BREAK = '\n\n';
	// A block quotation is sent between quotation marks, so the service reads it as quoted
	// words, as it does a <blockquote> in HTML; its credit line follows as "— Name".
	const QUOTE_BLOCKS = [ 'core/quote', 'core/pullquote' ];
	const QUOTE_OPEN = '\u201c';
	const QUOTE_CLOSE = '\u201d';
	const CREDIT = '\u2014 ';
	// Rich-text attributes that hold article text, by block (anything else: "content").
	const TEXT_ATTRIBUTES = { 'core/pullquote': [ 'value' ] };
	const CITATION = 'citation';
	// How long an item's block is outlined, and its words marked, after a click.
	const FLASH_MS = 1600;
	const HIGHLIGHT_MS = 6000;
	const HIGHLIGHT = 'newsmetrics';
	// The most items listed per panel; the rest are counted.
	const MAX_ITEMS = 60;
	const HEDGE_CATEGORIES = {
		modal: __( 'modal verb', 'newsmetrics' ),
		epistemic_verb: __( 'epistemic verb', 'newsmetrics' ),
		epistemic_adverb: __( 'epistemic adverb', 'newsmetrics' ),
		approximator: __( 'approximator', 'newsmetrics' ),
		conditional: __( 'conditional', 'newsmetrics' ),
		phrase: __( 'hedging phrase', 'newsmetrics' ),
		negated_certainty: __( 'negated certainty', 'newsmetrics' ),
		vague_source: __( 'vague source', 'newsmetrics' ),
	};
	const SOURCE_TYPES = {
		named_person: __( 'named person', 'newsmetrics' ),
		named_organisation: __( 'named organisation', 'newsmetrics' ),
		document: __( 'document', 'newsmetrics' ),
		anonymous: __( 'anonymous', 'newsmetrics' ),
		vague: __( 'vague source', 'newsmetrics' ),
		unattributed: __( 'no source', 'newsmetrics' ),
	};
	const KINDS = {
		direct: __( 'direct quote', 'newsmetrics' ),
		indirect: __( 'reported speech', 'newsmetrics' ),
		according_to: __( '"according to"', 'newsmetrics' ),
	};

	// The draft as text -----------------------------------------------------------------

	function plainText( value ) {
		if ( value === undefined || value === null ) {
			return '';
		}
		return wp.richText.create( { html: String( value ) } ).text;
	}

	/** One paragraph of the draft: pieces of text, each from a block's attribute or added. */
	function addParagraph( draft, pieces ) {
		if ( ! pieces.some( ( piece ) => piece.text.trim() ) ) {
			return;
		}
		if ( draft.text ) {
			draft.text += PARAGRAPH_BREAK;
		}
		pieces.forEach( ( piece ) => {
			if ( piece.clientId ) {
				draft.segments.push( {
					clientId: piece.clientId,
					attribute: piece.attribute,
					start: draft.text.length,
					end: draft.text.length + piece.text.length,
				} );
			}
			draft.text += piece.text;
		} );
	}

	function blockPieces( block ) {
		const names = TEXT_ATTRIBUTES[ block.name ] || [ 'content' ];
		return names
			.filter( ( name ) => block.attributes[ name ] !== undefined )
			.map( ( name ) => ( {
				text: plainText( block.attributes[ name ] ),
				clientId: block.clientId,
				attribute: name,
			} ) );
	}

	function addQuote( draft, block ) {
		const inner = [];
		const paragraphs = [];
		if ( blockPieces( block ).length && block.name === 'core/pullquote' ) {
			paragraphs.push( blockPieces( block ) );
		}
		walk( block.innerBlocks, { paragraphs: inner } );
		paragraphs.push( ...inner );
		if ( paragraphs.length ) {
			paragraphs[ 0 ].unshift( { text: QUOTE_OPEN } );
			paragraphs[ paragraphs.length - 1 ].push( { text: QUOTE_CLOSE } );
		}
		paragraphs.forEach( ( pieces ) => addParagraph( draft, pieces ) );
		const credit = plainText( block.attributes[ CITATION ] );
		if ( credit.trim() ) {
			addParagraph( draft, [ { text: CREDIT }, { text: credit, clientId: block.clientId, attribute: CITATION } ] );
		}
	}

	/** Blocks in reading order; inside a quotation, paragraphs are collected for the marks. */
	function walk( blocks, target ) {
		blocks.forEach( ( block ) => {
			if ( QUOTE_BLOCKS.includes( block.name ) && ! target.paragraphs ) {
				addQuote( target.draft, block );
				return;
			}
			const pieces = blockPieces( block ).filter( ( piece ) => piece.attribute !== CITATION );
			if ( pieces.length ) {
				if ( target.paragraphs ) {
					target.paragraphs.push( pieces );
				} else {
					addParagraph( target.draft, pieces );
				}
			}
			walk( block.innerBlocks || [], target );
		} );
	}

	function buildDraft( blocks ) {
		const draft = { text: '', segments: [] };
		walk( blocks, { draft } );
		return draft;
	}

	function currentDraft() {
		return buildDraft( select( 'core/block-editor' ).getBlocks() );
	}

	// From a span of the report to a place in the editor ---------------------------------

	function spanOf( item ) {
		const span = item && item.span ? item.span : item;
		return span && typeof span.start === 'number' ? span : null;
	}

	/** Where the span is in the draft now: its offsets if the words are still there, else the
	 * occurrence of its words (with their context) nearest to where they were. */
	function locate( draft, span ) {
		const start = typeof span.start_utf16 === 'number' ? span.start_utf16 : span.start;
		const end = typeof span.end_utf16 === 'number' ? span.end_utf16 : span.end;
		const exact = span.exact || '';
		if ( draft.text.slice( start, end ) === exact ) {
			return { start, end };
		}
		let best = null;
		const probe = ( span.prefix || '' ) + exact;
		for ( const needle of [ probe, exact ] ) {
			let at = needle ? draft.text.indexOf( needle ) : -1;
			while ( at >= 0 ) {
				const found = at + needle.length - exact.length;
				if ( best === null || Math.abs( found - start ) < Math.abs( best - start ) ) {
					best = found;
				}
				at = draft.text.indexOf( needle, at + 1 );
			}
			if ( best !== null ) {
				return { start: best, end: best + exact.length };
			}
		}
		return null;
	}

	function editableOf( clientId, attribute ) {
		const block = document.querySelector( '[data-block="' + clientId + '"]' );
		if ( ! block ) {
			return null;
		}
		const editables = [ block, ...block.querySelectorAll( '[contenteditable="true"]' ) ]
			.filter( ( node ) => node.isContentEditable && node.getAttribute( 'contenteditable' ) === 'true' )
			.filter( ( node ) => node.closest( '[data-block]' ) === block );
		const isCredit = ( node ) => node.tagName === 'CITE' || /citation/.test( node.className );
		return editables.find( ( node ) => isCredit( node ) === ( attribute === CITATION ) ) || editables[ 0 ] || null;
	}

	/** The DOM position of a rich-text offset: text nodes count their length, <br> one. */
	function domPoint( root, offset ) {
		const walker = document.createTreeWalker( root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT );
		let left = offset;
		let node = walker.nextNode();
		let last = { node: root, offset: 0 };
		while ( node ) {
			if ( node.nodeType === Node.TEXT_NODE ) {
				if ( left <= node.length ) {
					return { node, offset: left };
				}
				left -= node.length;
				last = { node, offset: node.length };
			} else if ( node.tagName === 'BR' ) {
				left -= 1;
			}
			node = walker.nextNode();
		}
		return last;
	}

	function selectInDom( segment, from, to ) {
		const editable = editableOf( segment.clientId, segment.attribute );
		if ( ! editable ) {
			return;
		}
		const block = editable.closest( '[data-block]' );
		block.scrollIntoView( { block: 'center' } );
		block.classList.add( 'newsmetrics-flash' );
		window.setTimeout( () => block.classList.remove( 'newsmetrics-flash' ), FLASH_MS );
		editable.focus();
		const start = domPoint( editable, from );
		const end = domPoint( editable, to );
		const range = document.createRange();
		range.setStart( start.node, start.offset );
		range.setEnd( end.node, end.offset );
		const selection = window.getSelection();
		selection.removeAllRanges();
		selection.addRange( range );
		highlight( range );
	}

	/** Marks the words until the next click (or HIGHLIGHT_MS): a selection is drawn faintly, or
	 * not at all, once the focus leaves the text. The CSS Custom Highlight API paints without
	 * touching the editor's markup; where it is missing the block's outline is all there is. */
	function highlight( range ) {
		if ( ! window.CSS || ! CSS.highlights || typeof window.Highlight !== 'function' ) {
			return;
		}
		CSS.highlights.set( HIGHLIGHT, new window.Highlight( range.cloneRange() ) );
		window.clearTimeout( highlight.timer );
		highlight.timer = window.setTimeout( () => CSS.highlights.delete( HIGHLIGHT ), HIGHLIGHT_MS );
	}

	/** Selects the span's words in their block (the editor's selection and the page's). */
	function reveal( item ) {
		const span = spanOf( item );
		const draft = currentDraft();
		const place = span && locate( draft, span );
		if ( ! place ) {
			dispatch( 'core/notices' ).createWarningNotice(
				__( 'These words are no longer in the draft: analyse it again.', 'newsmetrics' ),
				{ id: 'newsmetrics-locate', type: 'snackbar' }
			);
			return;
		}
		const segment = draft.segments.find( ( seg ) => seg.start <= place.start && place.start < seg.end );
		if ( ! segment ) {
			return;
		}
		const from = place.start - segment.start;
		const to = Math.min( place.end, segment.end ) - segment.start;
		dispatch( 'core/block-editor' ).selectionChange( segment.clientId, segment.attribute, from, to );
		// The rich text applies the store's selection once focused; the DOM range makes the
		// words visibly selected either way, and the editor reads it back as its selection.
		window.requestAnimationFrame( () => selectInDom( segment, from, to ) );
	}

	// Formatting ----------------------------------------------------------------------------

	function list( value ) {
		return Array.isArray( value ) ? value : [];
	}

	function signed( score ) {
		return typeof score === 'number' ? ( score > 0 ? '+' : '' ) + score.toFixed( 2 ) : '';
	}

	function figure( value, unit ) {
		if ( typeof value !== 'number' ) {
			return '\u2013';
		}
		if ( /\(0-1\)/.test( unit || '' ) && ! /evenness|score/.test( unit ) ) {
			return Math.round( value * 100 ) + '%';
		}
		return ( Math.abs( value ) >= 100 ? value.toFixed( 0 ) : value.toFixed( 1 ) ) + ( unit && ! /\(/.test( unit ) ? ' ' + unit : '' );
	}

	function sentiment( part ) {
		if ( ! part || ! part.label ) {
			return '\u2013';
		}
		return part.label + ' (' + signed( part.score ) + ')';
	}

	function badge( text, kind ) {
		return el( 'span', { className: 'newsmetrics-badge newsmetrics-badge-' + kind }, text );
	}

	/** A clickable row: selects its words in the editor. */
	function Item( { item, children, label } ) {
		return el(
			'li',
			null,
			el(
				Button,
				{ className: 'newsmetrics-item', onClick: () => reveal( item ), label, showTooltip: false },
				children
			)
		);
	}

	function shortened( items ) {
		return items.length > MAX_ITEMS ? items.slice( 0, MAX_ITEMS ) : items;
	}

	function more( items ) {
		return items.length > MAX_ITEMS
			? el( 'p', { className: 'newsmetrics-more' }, sprintf( __( 'and %d more', 'newsmetrics' ), items.length - MAX_ITEMS ) )
			: null;
	}

	// Panels ----------------------------------------------------------------------------------

	function attributionCounts( report ) {
		const counts = { named: 0, anonymous: 0, vague: 0, other: 0 };
		list( report.attribution && report.attribution.attributions ).forEach( ( item ) => {
			if ( item.source_type === 'named_person' || item.source_type === 'named_organisation' ) {
				counts.named += 1;
			} else if ( item.source_type === 'anonymous' || item.source_type === 'vague' ) {
				counts[ item.source_type ] += 1;
			} else {
				counts.other += 1;
			}
		} );
		return counts;
	}

	function Summary( { report } ) {
		const hedging = report.hedging || {};
		const attributions = list( report.attribution && report.attribution.attributions );
		const counts = attributionCounts( report );
		const comparison = report.comparison || {};
		const reference = comparison.reference || {};
		const rows = [
			[ __( 'Length', 'newsmetrics' ), sprintf( __( '%1$d words, %2$d sentences', 'newsmetrics' ), report.words || 0, report.sentences || 0 ) ],
			[ __( 'Actors', 'newsmetrics' ), String( list( report.actors ).length ) ],
			[ __( 'Hedges', 'newsmetrics' ), sprintf( __( '%1$d (%2$s per 100 words)', 'newsmetrics' ), list( hedging.cues ).length, ( hedging.per_100_words || 0 ).toFixed( 1 ) ) ],
			[
				__( 'Attributions', 'newsmetrics' ),
				sprintf( __( '%1$d: %2$d named, %3$d anonymous, %4$d vague, %5$d other', 'newsmetrics' ), attributions.length, counts.named, counts.anonymous, counts.vague, counts.other ),
			],
			[ __( 'Tone', 'newsmetrics' ), report.tone ? signed( report.tone.tone ) : '\u2013' ],
		];
		list( comparison.composites ).forEach( ( composite ) => {
			rows.push( [ composite.name, el( Fragment, null, figure( composite.value ), ' ', composite.band ? badge( composite.band, composite.band ) : null ) ] );
		} );
		return el(
			Fragment,
			null,
			el(
				'dl',
				{ className: 'newsmetrics-summary' },
				rows.map( ( [ term, value ] ) => el( Fragment, { key: term }, el( 'dt', null, term ), el( 'dd', null, value ) ) )
			),
			reference.name
				? el( 'p', { className: 'newsmetrics-reference' }, sprintf( _n( 'Compared with "%1$s" (%2$d article).', 'Compared with "%1$s" (%2$d articles).', reference.size || 0, 'newsmetrics' ), reference.name, reference.size || 0 ) )
				: null,
			list( report.warnings ).map( ( warning ) => el( 'p', { key: warning, className: 'newsmetrics-warning' }, warning ) )
		);
	}

	function sentimentOf( report, actor ) {
		return list( report.sentiment ).find( ( item ) => item.actor_id === actor.id ) || {};
	}

	/** Toward the actor in the narrator's words and in quoted words, when both speak of it. */
	function voices( feeling ) {
		const narrator = feeling.toward_narrator;
		const quoted = feeling.toward_quoted;
		if ( ! narrator || ! quoted || ! narrator.mentions || ! quoted.mentions ) {
			return null;
		}
		return el(
			'span',
			{ className: 'newsmetrics-line newsmetrics-muted' },
			sprintf( __( 'narrator %1$s, in quotes %2$s', 'newsmetrics' ), sentiment( narrator ), sentiment( quoted ) )
		);
	}

	function Actors( { report } ) {
		const [ turn, setTurn ] = useState( {} );
		const actors = list( report.actors );
		if ( ! actors.length ) {
			return el( 'p', null, __( 'No actors found.', 'newsmetrics' ) );
		}
		const next = ( actor ) => {
			const mentions = list( actor.mentions );
			const index = ( turn[ actor.id ] || 0 ) % Math.max( 1, mentions.length );
			setTurn( { ...turn, [ actor.id ]: index + 1 } );
			return mentions[ index ];
		};
		return el(
			'ul',
			{ className: 'newsmetrics-list newsmetrics-actors' },
			shortened( actors ).map( ( actor ) => {
				const feeling = sentimentOf( report, actor );
				const mentions = list( actor.mentions ).length;
				return el(
					'li',
					{ key: actor.id },
					el(
						Button,
						{ className: 'newsmetrics-item', onClick: () => mentions && reveal( next( actor ) ) },
						el( 'strong', null, actor.name ),
						' ',
						el( 'span', { className: 'newsmetrics-muted' }, sprintf( _n( '%1$s, %2$d mention', '%1$s, %2$d mentions', mentions, 'newsmetrics' ), actor.type, mentions ) ),
						el( 'span', { className: 'newsmetrics-line' }, __( 'Toward: ', 'newsmetrics' ), sentiment( feeling.toward ) ),
						voices( feeling ),
						feeling.by && feeling.by.quotes
							? el( 'span', { className: 'newsmetrics-line' }, sprintf( _n( 'By: %1$s in %2$d quote', 'By: %1$s in %2$d quotes', feeling.by.quotes, 'newsmetrics' ), sentiment( feeling.by ), feeling.by.quotes ) )
							: null
					)
				);
			} )
		);
	}

	function Hedges( { report } ) {
		const cues = list( report.hedging && report.hedging.cues );
		if ( ! cues.length ) {
			return el( 'p', null, __( 'No hedges.', 'newsmetrics' ) );
		}
		return el(
			Fragment,
			null,
			el(
				'ul',
				{ className: 'newsmetrics-list newsmetrics-hedges' },
				shortened( cues ).map( ( cue, index ) =>
					el(
						Item,
						{ key: index, item: cue },
						el( 'strong', null, QUOTE_OPEN + cue.span.exact + QUOTE_CLOSE ),
						' ',
						el( 'span', { className: 'newsmetrics-muted' }, ( HEDGE_CATEGORIES[ cue.category ] || cue.category ) + ( cue.voice && cue.voice !== 'narrator' ? ', ' + cue.voice : '' ) )
					)
				)
			),
			more( cues )
		);
	}

	function Attributions( { report } ) {
		const items = list( report.attribution && report.attribution.attributions );
		if ( ! items.length ) {
			return el( 'p', null, __( 'No attributed statements.', 'newsmetrics' ) );
		}
		return el(
			Fragment,
			null,
			el(
				'ul',
				{ className: 'newsmetrics-list newsmetrics-attributions' },
				shortened( items ).map( ( item, index ) => {
					const kind = [ 'named_person', 'named_organisation' ].includes( item.source_type ) ? 'named' : item.source_type;
					return el(
						Item,
						{ key: index, item: item.source || item.content },
						el( 'strong', null, item.source ? item.source.exact : __( '(no source)', 'newsmetrics' ) ),
						' ',
						badge( SOURCE_TYPES[ item.source_type ] || item.source_type, kind ),
						el( 'span', { className: 'newsmetrics-line newsmetrics-muted' }, ( KINDS[ item.kind ] || item.kind ) + ( item.cue ? ': ' + item.cue.exact : '' ) )
					);
				} )
			),
			more( items )
		);
	}

	function Metrics( { report } ) {
		const metrics = list( report.comparison && report.comparison.metrics );
		if ( ! metrics.length ) {
			return el( 'p', null, __( 'No comparison: the reference set is "none".', 'newsmetrics' ) );
		}
		return el(
			'ul',
			{ className: 'newsmetrics-list newsmetrics-metrics' },
			metrics.map( ( metric ) =>
				el(
					'li',
					{ key: metric.id, title: metric.explanation || '' },
					el( 'span', { className: 'newsmetrics-metric-name' }, metric.name ),
					' ',
					el( 'span', { className: 'newsmetrics-metric-value' }, figure( metric.value, metric.unit ) ),
					' ',
					metric.band ? badge( metric.band, metric.band ) : null
				)
			)
		);
	}

	// The sidebar -----------------------------------------------------------------------------

	function errorMessage( error ) {
		if ( error && error.message ) {
			return error.message;
		}
		return __( 'The analysis failed: the site did not answer.', 'newsmetrics' );
	}

	function Sidebar() {
		const [ state, setState ] = useState( { busy: false, report: null, error: null, text: null } );
		const { postId, title, draftText } = useSelect( ( store ) => ( {
			postId: store( 'core/editor' ).getCurrentPostId(),
			title: store( 'core/editor' ).getEditedPostAttribute( 'title' ),
			draftText: buildDraft( store( 'core/block-editor' ).getBlocks() ).text,
		} ) );
		const analyse = () => {
			setState( { ...state, busy: true, error: null } );
			const text = draftText;
			apiFetch( {
				path: config.route.replace( '%d', String( postId ) ),
				method: 'POST',
				data: { text, title: title || '' },
			} ).then(
				( response ) => setState( { busy: false, report: response.report, error: null, text } ),
				( error ) => setState( { ...state, busy: false, error: errorMessage( error ) } )
			);
		};
		const report = state.report;
		return el(
			Fragment,
			null,
			el( PluginSidebarMoreMenuItem, { target: SIDEBAR, icon: 'chart-bar' }, __( 'Newsmetrics', 'newsmetrics' ) ),
			el(
				PluginSidebar,
				{ name: SIDEBAR, title: __( 'Newsmetrics', 'newsmetrics' ), icon: 'chart-bar', className: 'newsmetrics-sidebar' },
				el(
					'div',
					{ className: 'newsmetrics-actions' },
					config.configured
						? el(
							Button,
							{ variant: 'primary', onClick: analyse, disabled: state.busy || ! draftText.trim(), className: 'newsmetrics-analyse' },
							report ? __( 'Analyse again', 'newsmetrics' ) : __( 'Analyse draft', 'newsmetrics' )
						)
						: el( Notice, { status: 'warning', isDismissible: false }, __( 'Newsmetrics is not set up: an administrator enters the service URL in Settings > Newsmetrics.', 'newsmetrics' ) ),
					state.busy ? el( Spinner ) : null,
					report && state.text !== draftText
						? el( 'p', { className: 'newsmetrics-stale' }, __( 'The draft changed since this analysis.', 'newsmetrics' ) )
						: null
				),
				state.error ? el( Notice, { status: 'error', isDismissible: false, className: 'newsmetrics-error' }, state.error ) : null,
				report ? el( PanelBody, { title: __( 'Summary', 'newsmetrics' ) }, el( Summary, { report } ) ) : null,
				report ? el( PanelBody, { title: sprintf( __( 'Actors (%d)', 'newsmetrics' ), list( report.actors ).length ) }, el( Actors, { report } ) ) : null,
				report ? el( PanelBody, { title: sprintf( __( 'Hedges (%d)', 'newsmetrics' ), list( report.hedging && report.hedging.cues ).length ) }, el( Hedges, { report } ) ) : null,
				report ? el( PanelBody, { title: sprintf( __( 'Attributions (%d)', 'newsmetrics' ), list( report.attribution && report.attribution.attributions ).length ) }, el( Attributions, { report } ) ) : null,
				report ? el( PanelBody, { title: __( 'Against the reference', 'newsmetrics' ), initialOpen: false }, el( Metrics, { report } ) ) : null
			)
		);
	}

	registerPlugin( 'newsmetrics', { render: Sidebar, icon: 'chart-bar' } );

	/** The notice for what the service said about the revision of the save just done. */
	function revisionNotice() {
		const status = select( 'core/editor' ).getCurrentPostAttribute( config.revisionField );
		if ( status && status.ok ) {
			dispatch( 'core/notices' ).createInfoNotice(
				status.unchanged
					? sprintf( __( 'Newsmetrics: unchanged since revision %d.', 'newsmetrics' ), status.revision )
					: sprintf( __( 'Newsmetrics: stored as revision %d.', 'newsmetrics' ), status.revision ),
				{ id: 'newsmetrics-revision', type: 'snackbar' }
			);
		} else if ( status && status.notice ) {
			dispatch( 'core/notices' ).createWarningNotice( status.notice, { id: 'newsmetrics-revision', isDismissible: true } );
		}
	}

	// After each save (never blocking it). The notice is created outside the store's change
	// callback: created inside it, the editor's notice list does not render it.
	let wasSaving = false;
	subscribe( () => {
		const editor = select( 'core/editor' );
		const saving = editor.isSavingPost() && ! editor.isAutosavingPost();
		if ( wasSaving && ! saving ) {
			window.setTimeout( revisionNotice, 0 );
		}
		wasSaving = saving;
	} );
}( window.wp, window.newsmetricsEditor ) );
