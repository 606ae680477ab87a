/*
 * vdso/vdso-image.S: the vDSO (build/vdso/vdso64.so) as bytes of the
 * kernel's read-only data, page aligned; kernel/vdso.c copies it into
 * pages of its own at boot and maps those into every process.
 */
	.section .rodata, "a"
	.balign 4096
	.globl vdso_image_start, vdso_image_end
vdso_image_start:
	.incbin VDSO_SO
vdso_image_end:
	.balign 4096
